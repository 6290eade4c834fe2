package io.reflector.ingest.transcription;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.pipeline.RunRef;
import io.reflector.ingest.pipeline.StoredAudio;
import io.reflector.ingest.store.TranscriptStates;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.TranscriptFixtures;

/**
 * Without TRANSCRIPT_URL a recording ends with its audio outputs and says plainly that it was not transcribed. The
 * shared test context has a service, so the decision is taken here by a {@link Transcription} of its own, on a real
 * transcript in PostgreSQL, read back through the API.
 */
class TranscriptionNotConfiguredTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TranscriptStates states;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationContext context;

    @Test
    void aBlankOrMissingUrlIsNotConfigured() {
        assertThat(transcriptionWithUrl("").isConfigured()).isFalse();
        assertThat(transcriptionWithUrl(" ").isConfigured()).isFalse();
        assertThat(transcriptionWithUrl(null).isConfigured()).isFalse();
        assertThat(transcriptionWithUrl("https://gpu.example").isConfigured()).isTrue();
    }

    /** Reflector's default backend, its in-process model, does not exist here: a Reflector env file still starts. */
    @Test
    void reflectorsWhisperBackendIsNotConfiguredWhateverTheUrl() {
        assertThat(transcription(ReflectorProperties.Transcription.Backend.WHISPER, "https://gpu.example")
                .isConfigured()).isFalse();
    }

    @Test
    void theRunEndsWithItsAudioAndTheTranscriptSaysTranscriptionIsNotConfigured() throws Exception {
        String recordingId = UUID.randomUUID().toString();
        String transcriptId = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into recording (id, platform, bucket_name, object_key, recorded_at)
                        values (:id, 'whereby', 'reflector-whereby-recordings', :key, now())""")
                .param("id", recordingId).param("key", "room-" + recordingId + "-2026-11-25T12:00:00Z.mp4").update();
        jdbc.sql("insert into transcript (id, recording_id) values (:id, :recording)")
                .param("id", transcriptId).param("recording", recordingId).update();
        int run = new TranscriptFixtures(context).claimedByTheTest(transcriptId);
        states.audioStored(transcriptId, run, 3000.0, List.of(0.5, 1.0), transcriptId + "/audio.mp3",
                transcriptId + "/waveform.json");
        assertThat(transcript(transcriptId).path("status").asText()).isEqualTo("processing");

        transcriptionWithUrl("").notConfigured(new StoredAudio(
                new RunRef(transcriptId, run, recordingId, "reflector-whereby-recordings"), List.of()));

        JsonNode transcript = transcript(transcriptId);
        assertThat(transcript.path("status").asText()).isEqualTo("ended");
        assertThat(transcript.path("transcription").asText()).isEqualTo("not_configured");
        assertThat(transcript.path("words")).isEmpty();
        assertThat(transcript.path("duration_ms").asDouble()).isEqualTo(3000.0);
        assertThat(transcript.path("audio_key").asText()).isEqualTo(transcriptId + "/audio.mp3");
        List<String> events = new ArrayList<>();
        transcript.path("events").forEach(e -> events.add(e.path("event").asText() + ":" + e.path("data").path("value").asText()));
        assertThat(events).containsExactly("STATUS:processing", "DURATION:", "WAVEFORM:", "STATUS:ended");
        assertThat(JSON.readTree(http().api("/v1/recordings/" + recordingId).body()).path("status").asText())
                .isEqualTo("completed");
        List<String> listed = new ArrayList<>();
        // newest first, so this one is on the first page
        JSON.readTree(http().api("/v1/transcripts?status=ended&limit=200").body()).path("items")
                .forEach(t -> listed.add(t.path("id").asText() + ":" + t.path("transcription").asText()));
        assertThat(listed).contains(transcriptId + ":not_configured");
    }

    private Transcription transcriptionWithUrl(String url) {
        return transcription(ReflectorProperties.Transcription.Backend.MODAL, url);
    }

    private Transcription transcription(ReflectorProperties.Transcription.Backend backend, String url) {
        return new Transcription(new ReflectorProperties.Transcription(backend,
                url, null, Duration.ofSeconds(600), "en", "whisper-1", 4, Duration.ofHours(2), 4, Duration.ofSeconds(10)),
                states);
    }

    private JsonNode transcript(String id) throws Exception {
        return JSON.readTree(http().api("/v1/transcripts/" + id).body());
    }
}
