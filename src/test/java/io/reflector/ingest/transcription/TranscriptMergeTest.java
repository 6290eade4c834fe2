package io.reflector.ingest.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.reflector.ingest.store.TranscriptWord;

class TranscriptMergeTest {

    @Test
    void everyWordOfTrackIIsSpokenBySpeakerIAndAllAreInTimeOrder() {
        List<TranscriptWord> words = TranscriptMerge.merge(List.of(
                track(2, new RecognizedWord("later", 5.0, 5.4), new RecognizedWord("first", 0.5, 0.9)),
                track(0, new RecognizedWord("hello", 1.0, 1.3), new RecognizedWord("there", 3.0, 3.2)),
                track(1, new RecognizedWord("hi", 2.0, 2.1))));

        assertThat(words).containsExactly(
                new TranscriptWord("first", 0.5, 0.9, 2),
                new TranscriptWord("hello", 1.0, 1.3, 0),
                new TranscriptWord("hi", 2.0, 2.1, 1),
                new TranscriptWord("there", 3.0, 3.2, 0),
                new TranscriptWord("later", 5.0, 5.4, 2));
    }

    @Test
    void wordsStartingTogetherKeepTrackOrderThenTheServicesOrder() {
        List<TranscriptWord> words = TranscriptMerge.merge(List.of(
                track(1, new RecognizedWord("b", 1.0, 1.1), new RecognizedWord("c", 1.0, 1.2)),
                track(0, new RecognizedWord("a", 1.0, 1.5))));

        assertThat(words).extracting(TranscriptWord::text).containsExactly("a", "b", "c");
    }

    @Test
    void aSilentTrackIsAValidTrackWithoutWords() {
        List<TranscriptWord> words = TranscriptMerge.merge(List.of(track(0), track(1, new RecognizedWord("x", 0, 1))));

        assertThat(words).containsExactly(new TranscriptWord("x", 0, 1, 1));
        assertThat(TranscriptMerge.merge(List.of(track(0), track(1)))).isEmpty();
    }

    @Test
    void theTextJoinsTrimmedWordsWithOneSpace() {
        List<TranscriptWord> words = List.of(new TranscriptWord("Hello ", 0, 1, 0), new TranscriptWord(" world", 1, 2, 1),
                new TranscriptWord(" ", 2, 3, 0), new TranscriptWord("again", 3, 4, 0));

        assertThat(TranscriptMerge.text(words)).isEqualTo("Hello world again");
        assertThat(TranscriptMerge.text(List.of())).isEmpty();
    }

    private static TrackTranscript track(int index, RecognizedWord... words) {
        return new TrackTranscript(index, 3, List.of(words), null, null);
    }
}
