package io.reflector.ingest.transcription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WordsResponseTest {

    @Test
    void readsReflectorsServiceAnswer() {
        assertThat(WordsResponse.parse(bytes("""
                {"text": "Hello world ", "words": [{"word": "world ", "start": 0.66, "end": 1.0},
                 {"word": "Hello ", "start": 0.2, "end": 0.6}]}""")))
                .containsExactly(new RecognizedWord("world ", 0.66, 1.0), new RecognizedWord("Hello ", 0.2, 0.6));
    }

    @Test
    void readsOpenAisVerboseJsonWithWordTimestamps() {
        assertThat(WordsResponse.parse(bytes("""
                {"task": "transcribe", "language": "english", "duration": 8.47, "text": "The beach",
                 "segments": [], "words": [{"word": "The", "start": 0, "end": 0.24}, {"word": "beach", "start": 0.24, "end": 0.6}]}""")))
                .containsExactly(new RecognizedWord("The", 0, 0.24), new RecognizedWord("beach", 0.24, 0.6));
    }

    @Test
    void anEmptyWordListIsAValidAnswer() {
        assertThat(WordsResponse.parse(bytes("{\"text\": \"\", \"words\": []}"))).isEmpty();
    }

    @Test
    void anAnswerWithoutWordsOrWithMalformedWordsIsRefused() {
        assertThatThrownBy(() -> WordsResponse.parse(bytes("{\"text\": \"Hello\"}")))
                .isInstanceOf(TranscriptionException.class).isNotInstanceOf(RetryableTranscriptionException.class)
                .hasMessageContaining("no \"words\" list");
        assertThatThrownBy(() -> WordsResponse.parse(bytes("{\"words\": [{\"word\": \"a\", \"start\": \"0\", \"end\": 1}]}")))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("words[0]");
        assertThatThrownBy(() -> WordsResponse.parse(bytes("<html>bad gateway</html>")))
                .isInstanceOf(TranscriptionException.class).hasMessageContaining("not JSON");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
