package io.reflector.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeeting;
import io.reflector.ingest.media.TestMeetingGenerator;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RecordingRegistry;
import io.reflector.ingest.store.RecoveryCandidates;
import io.reflector.ingest.store.TranscriptStates;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.TranscriptFixtures;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reprocessing by hand and the recovery sweep, on real recordings: the runs go through the whole pipeline, and the
 * states that a crash or a failure leaves behind are made in PostgreSQL exactly as they would be left.
 */
class RecoveryTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(2);
    private static final List<String> trackKeys = new ArrayList<>();

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FfmpegBinaries ffmpeg;
    @Autowired
    ReflectorProperties properties;
    @Autowired
    RecordingRegistry registry;
    @Autowired
    TranscriptStates states;
    @Autowired
    RecoveryCandidates candidates;
    @Autowired
    ProducerTemplate producer;
    @Autowired
    ApplicationContext context;
    @TempDir
    static Path directory;

    /** Two short tracks in the Daily bucket, shared by every recording of the class (they are only read). */
    @BeforeEach
    void uploadTracksOnce() {
        if (!trackKeys.isEmpty()) {
            return;
        }
        TestMeeting meeting = new TestMeetingGenerator(ffmpeg, new ProcessRunner()).generate(List.of(
                new TestMeetingGenerator.TrackPlan(0, 4_000, 1, List.of(), List.of(1_000)),
                new TestMeetingGenerator.TrackPlan(700, 4_000, 1, List.of(), List.of(2_500))), directory);
        for (TestMeeting.Track track : meeting.tracks()) {
            String key = "testdomain/recovery-20261125120000/1764072000000-" + UUID.randomUUID() + "-cam-audio-"
                    + (1_764_072_000_000L + track.startMs());
            s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(key), RequestBody.fromFile(track.file()));
            trackKeys.add(key);
        }
    }

    @Test
    void twoReprocessRequestsAtOnceStartOneRunAndTheOtherGets409() throws Exception {
        String transcriptId = registered(trackKeys);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> requests = List.of(1, 2).stream()
                .map(i -> CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return http().apiPost("/v1/transcripts/" + transcriptId + "/process", "");
                }))
                .toList();
        start.countDown();
        List<Integer> codes = requests.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).sorted().toList();

        assertThat(codes).containsExactly(202, 409);
        assertThat(requests.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 409).findFirst()
                .orElseThrow().body()).contains("is being processed (run 1)");
        JsonNode transcript = awaitEnded(transcriptId);
        assertThat(transcript.path("run").asInt()).isEqualTo(1);

        HttpResponse<String> again = http().apiPost("/v1/transcripts/" + transcriptId + "/process", "");
        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).path("run").asInt()).isEqualTo(2);
        transcript = Eventually.await(PROCESSING_LIMIT, () -> {
            JsonNode current = transcript(transcriptId);
            return current.path("run").asInt() == 2 && current.path("status").asText().equals("ended") ? current : null;
        }, "the second run to end");
        assertThat(statusEvents(transcript)).containsExactly("processing", "ended");
    }

    @Test
    void reprocessAnswers404ForAnUnknownTranscriptAnd400WhenThereIsNothingToProcess() throws Exception {
        HttpResponse<String> unknown = http().apiPost("/v1/transcripts/" + UUID.randomUUID() + "/process", "");
        assertThat(unknown.statusCode()).isEqualTo(404);

        String silent = registered(List.of());
        HttpResponse<String> nothing = http().apiPost("/v1/transcripts/" + silent + "/process", "");
        assertThat(nothing.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(nothing.body()).path("message").asText()).contains("no microphone audio track");

        String deleted = registered(trackKeys);
        jdbc.sql("update transcript set status = 'ended', audio_deleted = true where id = :id").param("id", deleted).update();
        HttpResponse<String> refused = http().apiPost("/v1/transcripts/" + deleted + "/process", "");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("consent was refused");
    }

    @Test
    void aRunLostWithItsInstanceIsRecoveredAndItsLateOutcomeIsDiscarded() throws Exception {
        String transcriptId = registered(trackKeys);
        // what a run looks like after its instance died mid-way: processing, leased to an instance that stopped renewing
        jdbc.sql("""
                        update transcript set status = 'processing', run = 1, lease_owner = 'an-instance-that-died',
                            lease_until = now() - interval '1 second' where id = :id""")
                .param("id", transcriptId).update();

        JsonNode transcript = awaitEnded(transcriptId);

        assertThat(transcript.path("run").asInt()).isEqualTo(2);
        assertThat(transcript.path("recovery_attempts").asInt()).isEqualTo(1);
        assertThat(states.failed(transcriptId, 1, "the lost run reports at last", false)).isFalse();
        assertThat(transcript(transcriptId).path("status").asText()).isEqualTo("ended");
    }

    @Test
    void theTracksOfALostRunCompletingLateLeaveTheCurrentRunsObjectsAlone() throws Exception {
        String transcriptId = registered(trackKeys);
        int current = new TranscriptFixtures(context).claimedByTheTest(transcriptId);
        String paddedKey = transcriptId + "/tracks/padded_0.webm";
        s3.putObject(b -> b.bucket(properties.storage().transcriptBucket()).key(paddedKey),
                RequestBody.fromBytes(new byte[] {1, 2, 3}));
        Path workDir = Files.createDirectories(directory.resolve("lost-run"));
        TrackResult lost = new TrackResult(new RunRef(transcriptId, current - 1, "recording", "bucket"), 0, 1,
                workDir.toString(), workDir.resolve("padded_0.webm").toString(), paddedKey, true, "PACKET", 0.0, 0,
                null, null);

        producer.sendBody("direct:mixdown", new ArrayList<>(List.of(lost)));

        assertThat(s3.headObject(b -> b.bucket(properties.storage().transcriptBucket()).key(paddedKey))
                .contentLength()).isEqualTo(3);
        JsonNode transcript = transcript(transcriptId);
        assertThat(transcript.path("status").asText()).isEqualTo("processing");
        assertThat(transcript.path("run").asInt()).isEqualTo(current);
        assertThat(Files.exists(workDir)).isFalse();
    }

    @Test
    void aFailedRunIsRunAgainOnceItsBackOffIsOver() throws Exception {
        String due = registered(trackKeys);
        String notYet = registered(trackKeys);
        failed(due, Duration.ofHours(2));
        failed(notYet, Duration.ofMinutes(1));

        JsonNode transcript = awaitEnded(due, 1);

        assertThat(transcript.path("recovery_attempts").asInt()).isEqualTo(1);
        assertThat(dueIds()).doesNotContain(notYet);
        assertThat(transcript(notYet).path("status").asText()).isEqualTo("error");
    }

    @Test
    void whenTheAttemptsAreSpentTheTranscriptStaysVisibleInError() throws Exception {
        int max = properties.recovery().maxAttempts();
        String failedForGood = registered(trackKeys);
        failed(failedForGood, Duration.ofDays(30));
        jdbc.sql("update transcript set recovery_attempts = :max where id = :id")
                .param("max", max).param("id", failedForGood).update();
        String lostForGood = registered(trackKeys);
        jdbc.sql("""
                        update transcript set status = 'processing', run = 3, recovery_attempts = :max,
                            lease_owner = 'an-instance-that-died', lease_until = now() - interval '1 second' where id = :id""")
                .param("max", max).param("id", lostForGood).update();

        JsonNode lost = Eventually.await(PROCESSING_LIMIT, () -> {
            JsonNode current = transcript(lostForGood);
            return current.path("status").asText().equals("error") ? current : null;
        }, "the lost run to be given up");

        assertThat(lost.path("error_msg").asText()).contains("lost").contains(max + " recovery attempt(s) are spent");
        assertThat(lost.path("run").asInt()).isEqualTo(3);
        assertThat(dueIds()).doesNotContain(failedForGood);
        assertThat(transcript(failedForGood).path("status").asText()).isEqualTo("error");
    }

    @Test
    void aRecordingWithoutATranscriptGetsOneAndIsProcessed() throws Exception {
        String transcriptId = registered(trackKeys);
        String recordingId = transcript(transcriptId).path("recording_id").asText();
        jdbc.sql("delete from transcript where id = :id").param("id", transcriptId).update();

        String created = Eventually.await(PROCESSING_LIMIT, () -> jdbc.sql("select id from transcript where recording_id = :id")
                .param("id", recordingId).query(String.class).optional().orElse(null), "a new transcript");

        assertThat(awaitEnded(created).path("recording_id").asText()).isEqualTo(recordingId);
    }

    /** A Daily recording with its files and an idle transcript, as the intake registers it. */
    private String registered(List<String> tracks) {
        String recordingId = UUID.randomUUID().toString();
        return registry.register(recordingId, Platform.DAILY, properties.storage().dailyBucket(),
                "testdomain/recovery-" + recordingId + "/", tracks, tracks, Instant.now(), "recovery-20261125120000")
                .transcriptId();
    }

    private void failed(String transcriptId, Duration ago) {
        jdbc.sql("""
                        update transcript set status = 'error', run = 1, error_msg = 'ffmpeg was killed',
                            updated_at = now() - make_interval(secs => :ago) where id = :id""")
                .param("ago", ago.toSeconds()).param("id", transcriptId).update();
    }

    private List<String> dueIds() {
        return candidates.due(properties.recovery().backoff(), properties.recovery().maxAttempts(),
                properties.recovery().idleGrace()).stream().map(RecoveryCandidates.Candidate::transcriptId).toList();
    }

    private JsonNode awaitEnded(String transcriptId) {
        return awaitEnded(transcriptId, 0);
    }

    /** @param failedRun the run that had failed before, whose error is not the outcome awaited */
    private JsonNode awaitEnded(String transcriptId, int failedRun) {
        return Eventually.await(PROCESSING_LIMIT, () -> {
            JsonNode current = transcript(transcriptId);
            if (current.path("run").asInt() > failedRun) {
                assertThat(current.path("status").asText()).as(current.path("error_msg").asText()).isNotEqualTo("error");
            }
            return current.path("status").asText().equals("ended") ? current : null;
        }, "transcript " + transcriptId + " to end");
    }

    private JsonNode transcript(String transcriptId) {
        try {
            return JSON.readTree(http().api("/v1/transcripts/" + transcriptId).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> statusEvents(JsonNode transcript) {
        List<String> statuses = new ArrayList<>();
        transcript.path("events").forEach(event -> {
            if (event.path("event").asText().equals("STATUS")) {
                statuses.add(event.path("data").path("value").asText());
            }
        });
        return statuses;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
