package io.reflector.ingest.roomwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.reflector.ingest.store.TranscriptWord;

class WebVttTest {

    @Test
    void consecutiveWordsOfASpeakerFormOneCueOpenedWithTheirVoiceTag() {
        String vtt = WebVtt.of(List.of(
                new TranscriptWord(" Hello", 0.5, 0.9, 0),
                new TranscriptWord(" there.", 1.0, 1.4, 0),
                new TranscriptWord(" Hi", 1.6, 1.9, 2),
                new TranscriptWord(" again", 3725.25, 3726.5, 0)));

        assertThat(vtt).isEqualTo("""
                WEBVTT

                00:00:00.500 --> 00:00:01.400
                <v Speaker0>Hello there.

                00:00:01.600 --> 00:00:01.900
                <v Speaker2>Hi

                01:02:05.250 --> 01:02:06.500
                <v Speaker0>again
                """);
    }

    @Test
    void aLongMonologueIsCutAfterSentencePunctuationOnceTheCueIsLongerThan120Characters() {
        List<TranscriptWord> words = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // every fifth word ends a sentence; 30 words of 6 characters = 180 characters
            words.add(new TranscriptWord(i % 5 == 4 ? " word." : " words", i, i + 0.5, 1));
        }

        List<String> cues = cueTexts(WebVtt.of(words));

        // the first sentence end past 120 characters is word 24 (25 words, 150 characters)
        assertThat(cues).hasSize(2);
        assertThat(cues.get(0)).hasSize("<v Speaker1>".length() + 25 * 6 - 1).endsWith("word.");
        assertThat(cues.get(1)).isEqualTo("<v Speaker1>words words words words word.");
    }

    @Test
    void punctuationInAShortCueDoesNotCutIt() {
        String vtt = WebVtt.of(List.of(new TranscriptWord(" Yes.", 0, 0.2, 0), new TranscriptWord(" No!", 0.3, 0.4, 0)));

        assertThat(cueTexts(vtt)).containsExactly("<v Speaker0>Yes. No!");
    }

    @Test
    void noWordsIsAnEmptyWebVtt() {
        assertThat(WebVtt.of(List.of())).isEqualTo("WEBVTT\n");
    }

    @Test
    void timestampsRoundToTheMillisecond() {
        assertThat(WebVtt.timestamp(0)).isEqualTo("00:00:00.000");
        assertThat(WebVtt.timestamp(1.0006)).isEqualTo("00:00:01.001");
        assertThat(WebVtt.timestamp(59.9996)).isEqualTo("00:01:00.000");
        assertThat(WebVtt.timestamp(36_000.25)).isEqualTo("10:00:00.250");
    }

    private static List<String> cueTexts(String vtt) {
        return vtt.lines().filter(line -> line.startsWith("<v ")).toList();
    }
}
