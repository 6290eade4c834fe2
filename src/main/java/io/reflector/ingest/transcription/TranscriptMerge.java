package io.reflector.ingest.transcription;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import io.reflector.ingest.store.TranscriptWord;

/**
 * One transcript from the tracks' words (spec §8.3): every word of track i is spoken by speaker i, and all words
 * are sorted by start, stably (equal starts keep track order, then the service's order). The tracks are padded
 * onto the meeting clock, so no offset is added.
 */
public final class TranscriptMerge {

    private TranscriptMerge() {
    }

    static List<TranscriptWord> merge(List<TrackTranscript> tracks) {
        List<TranscriptWord> words = new ArrayList<>();
        tracks.stream().sorted(Comparator.comparingInt(TrackTranscript::index)).forEach(track -> track.words()
                .forEach(word -> words.add(new TranscriptWord(word.text(), word.start(), word.end(), track.index()))));
        words.sort(Comparator.comparingDouble(TranscriptWord::start));
        return words;
    }

    /** The words as one text: services put spaces around words differently, so each is trimmed and one space joins them. */
    public static String text(List<TranscriptWord> words) {
        return words.stream().map(word -> word.text().strip()).filter(text -> !text.isEmpty())
                .collect(Collectors.joining(" "));
    }
}
