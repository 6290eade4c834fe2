package io.reflector.ingest.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.support.RequestBodies;

class ModalTranscriberTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIO = "https://s3.example/bucket/t1/tracks/padded_0.webm?X-Amz-Signature=abc";

    @Test
    void asksForTheUrlTranscriptionOfThePresignedTrackWithTheBearerKey() throws Exception {
        HttpRequest request = transcriber("https://gpu.example/", "secret").request(AUDIO);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo(URI.create("https://gpu.example/v1/audio/transcriptions-from-url"));
        assertThat(request.headers().firstValue("Authorization")).contains("Bearer secret");
        assertThat(request.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(request.timeout()).contains(Duration.ofSeconds(600));
        JsonNode body = JSON.readTree(RequestBodies.bytes(request));
        assertThat(body.path("audio_file_url").asText()).isEqualTo(AUDIO);
        assertThat(body.path("language").asText()).isEqualTo("fr");
        assertThat(body.path("batch").asBoolean()).isTrue();
    }

    @Test
    void sendsNoAuthorizationWithoutAKey() {
        assertThat(transcriber("https://gpu.example", "").request(AUDIO).headers().firstValue("Authorization")).isEmpty();
        assertThat(transcriber("https://gpu.example", null).request(AUDIO).headers().firstValue("Authorization")).isEmpty();
    }

    private static ModalTranscriber transcriber(String url, String key) {
        return new ModalTranscriber(new ReflectorProperties.Transcription(ReflectorProperties.Transcription.Backend.MODAL,
                url, key, Duration.ofSeconds(600), "fr", "whisper-1", 4, Duration.ofHours(2), 4, Duration.ofSeconds(10)),
                null, new TranscriptionClient());
    }
}
