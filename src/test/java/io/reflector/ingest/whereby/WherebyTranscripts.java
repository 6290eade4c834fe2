package io.reflector.ingest.whereby;

import java.time.Duration;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.Http;

/** A Whereby object's transcript as the API shows it, once its run has finished. */
final class WherebyTranscripts {
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final Http http;

    WherebyTranscripts(JdbcClient jdbc, Http http) {
        this.jdbc = jdbc;
        this.http = http;
    }

    JsonNode awaitFinished(String bucket, String key) throws Exception {
        String recordingId = WherebyRecordingIntake.recordingId(bucket, key);
        Eventually.await(PROCESSING_LIMIT, () -> List.of("ended", "error").contains(
                jdbc.sql("select status from transcript where recording_id = :id").param("id", recordingId)
                        .query(String.class).optional().orElse("none")), "s3://" + bucket + "/" + key + " to finish");
        return transcript(recordingId);
    }

    JsonNode transcript(String recordingId) throws Exception {
        String id = jdbc.sql("select id from transcript where recording_id = :id").param("id", recordingId)
                .query(String.class).single();
        return JSON.readTree(http.api("/v1/transcripts/" + id).body());
    }
}
