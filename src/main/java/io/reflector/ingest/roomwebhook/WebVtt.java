package io.reflector.ingest.roomwebhook;

import java.util.List;
import java.util.regex.Pattern;

import io.reflector.ingest.store.TranscriptWord;

/**
 * The WebVTT of a transcript's words, cut into cues the way Reflector does (spec §8.3): consecutive words of one
 * speaker form a cue; a new cue starts when the speaker changes, or after a word with sentence punctuation once
 * the cue's text is longer than 120 characters. Words carry their own spacing and are joined as they are; a cue's
 * text is trimmed and opened with the voice tag {@code <v Speaker<n>>}.
 */
public final class WebVtt {
    static final int LONG_CUE_CHARACTERS = 120;
    private static final Pattern SENTENCE_PUNCTUATION = Pattern.compile("[.;:?!…]");

    private WebVtt() {
    }

    /** @param words in transcript order (by start) */
    public static String of(List<TranscriptWord> words) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        Cue cue = null;
        for (TranscriptWord word : words) {
            if (cue != null && cue.speaker != word.speaker()) {
                cue.appendTo(vtt);
                cue = null;
            }
            if (cue == null) {
                cue = new Cue(word);
                continue;
            }
            cue.add(word);
            if (SENTENCE_PUNCTUATION.matcher(word.text()).find() && cue.text.length() > LONG_CUE_CHARACTERS) {
                cue.appendTo(vtt);
                cue = null;
            }
        }
        if (cue != null) {
            cue.appendTo(vtt);
        }
        return vtt.toString();
    }

    /** {@code hh:mm:ss.mmm}, to the nearest millisecond. */
    static String timestamp(double seconds) {
        long millis = Math.round(seconds * 1000);
        return String.format("%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
    }

    private static final class Cue {
        private final int speaker;
        private final double start;
        private final StringBuilder text;
        private double end;

        Cue(TranscriptWord first) {
            speaker = first.speaker();
            start = first.start();
            end = first.end();
            text = new StringBuilder(first.text());
        }

        void add(TranscriptWord word) {
            text.append(word.text());
            end = word.end();
        }

        void appendTo(StringBuilder vtt) {
            vtt.append('\n').append(timestamp(start)).append(" --> ").append(timestamp(end)).append('\n')
                    .append("<v Speaker").append(speaker).append('>').append(text.toString().strip()).append('\n');
        }
    }
}
