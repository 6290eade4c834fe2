package io.reflector.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeeting;
import io.reflector.ingest.media.TestMeetingGenerator;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RunLeases;
import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.ModalTranscriptionStub;
import io.reflector.ingest.support.OtherInstance;
import io.reflector.ingest.support.OtherInstanceProcess;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two instances of the application on one PostgreSQL, S3 and SQS (the second on the aws profile, pointed at the
 * first one's servers, as a second machine would be), sharing the run queue: each takes runs only for its free
 * slots, nothing is done twice, nothing is lost.
 */
class SharedRunQueueTest extends EmbeddedDefaultTest {
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(3);
    private static final String ROOM = "shared-queue-20261125120000";
    private static final List<String> trackKeys = new ArrayList<>();
    private static OtherInstance other;

    @Autowired
    ApplicationContext context;
    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FfmpegBinaries ffmpeg;
    @Autowired
    ReflectorProperties properties;
    @Autowired
    MeterRegistry metrics;
    @Autowired
    RunStarter starter;
    @TempDir
    static Path directory;

    /** Two short tracks shared by the recordings of the class, and the second instance, one slot of its own. */
    @BeforeEach
    void tracksAndTheOtherInstanceOnce() {
        if (other != null) {
            return;
        }
        TestMeeting meeting = new TestMeetingGenerator(ffmpeg, new ProcessRunner()).generate(List.of(
                new TestMeetingGenerator.TrackPlan(0, 3_000, 1, List.of(), List.of(1_000)),
                new TestMeetingGenerator.TrackPlan(500, 3_000, 1, List.of(), List.of(2_000))), directory);
        for (TestMeeting.Track track : meeting.tracks()) {
            String key = "testdomain/" + ROOM + "/1764072000000-" + UUID.randomUUID() + "-cam-audio-"
                    + (1_764_072_000_000L + track.startMs());
            s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(key), RequestBody.fromFile(track.file()));
            trackKeys.add(key);
        }
        other = OtherInstance.start(context, Map.of("reflector.pipeline.concurrent-recordings", 1));
    }

    @AfterAll
    static void stopTheOtherInstance() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void sixRecordingsAnnouncedToEitherInstanceAndDuplicatedAreEachProcessedOnceAndBothInstancesRunPipelines() {
        double firstBefore = taken(metrics);
        double otherBefore = taken(other.bean(MeterRegistry.class));
        List<String> recordings = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String recordingId = UUID.randomUUID().toString();
            recordings.add(recordingId);
            String event = readyEvent("rec-rtd-" + recordingId, recordingId);
            Http to = i % 2 == 0 ? http() : other.http();
            Http duplicateTo = i % 2 == 0 ? other.http() : http();
            assertThat(post(to, event).statusCode()).isEqualTo(200);
            assertThat(post(duplicateTo, event).statusCode()).isEqualTo(200);
            // Daily sends the same recording again under another event id
            assertThat(post(duplicateTo, readyEvent("rec-rtd-again-" + recordingId, recordingId)).statusCode())
                    .isEqualTo(200);
        }

        for (String recordingId : recordings) {
            Eventually.await(PROCESSING_LIMIT, () -> "ended".equals(status(recordingId)), "recording " + recordingId);
        }

        for (String recordingId : recordings) {
            assertThat(jdbc.sql("select count(*) from transcript where recording_id = :id").param("id", recordingId)
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("select run from transcript where recording_id = :id").param("id", recordingId)
                    .query(Integer.class).single()).isEqualTo(1);
        }
        double byFirst = taken(metrics) - firstBefore;
        double byOther = taken(other.bean(MeterRegistry.class)) - otherBefore;
        assertThat(byFirst).as("runs of the first instance").isPositive();
        assertThat(byOther).as("runs of the other instance").isPositive();
        assertThat(byFirst + byOther).isEqualTo(6);
    }

    @Test
    void aFailureAfterTheClaimStillLetsTheRecordingEnd() {
        String recordingId = "inject-" + UUID.randomUUID();
        // the write of the speakers' names, which comes after the claim, fails every time
        jdbc.sql("""
                create or replace function injected_failure() returns trigger language plpgsql as $$
                begin raise exception 'injected failure after the claim'; end $$""").update();
        jdbc.sql("""
                create trigger injected_failure before update of participants on transcript for each row
                when (new.recording_id like 'inject-%') execute function injected_failure()""").update();
        try {
            String eventId = "rec-rtd-" + recordingId;
            assertThat(post(http(), readyEvent(eventId, recordingId)).statusCode()).isEqualTo(200);

            Eventually.await(PROCESSING_LIMIT, () -> "ended".equals(status(recordingId)), "the recording to end");

            assertThat(jdbc.sql("select run from transcript where recording_id = :id").param("id", recordingId)
                    .query(Integer.class).single()).isEqualTo(1);
            String inboxError = Eventually.await(PROCESSING_LIMIT, () -> jdbc.sql(
                            "select error_msg from inbox_event where provider = 'daily' and event_id = :id")
                    .param("id", eventId).query(String.class).optional().orElse(null), "the event's failure noted");
            assertThat(inboxError).contains("injected failure after the claim");
        } finally {
            jdbc.sql("drop trigger injected_failure on transcript").update();
        }
    }

    @Test
    void fifteenHundredRecordingsRegisteredAtOnceAreAllRunOnceAtTheConfiguredConcurrency() throws Exception {
        int count = 1_500;
        int slots = properties.pipeline().effectiveConcurrentRecordings()
                + other.bean(ReflectorProperties.class).pipeline().effectiveConcurrentRecordings();
        String prefix = "drain-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<Future<RunStarter.FirstRun>> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String recordingId = prefix + i;
            // a track that is not in the bucket: the cheapest run there is, one fetch that fails for good
            List<String> keys = List.of("testdomain/" + recordingId + "/1764072000000-p-cam-audio-1764072000000");
            started.add(callers.submit(() -> starter.firstRun(recordingId, Platform.DAILY,
                    properties.storage().dailyBucket(), "testdomain/" + recordingId + "/", keys, keys, Instant.now(),
                    null)));
        }
        int claimed = 0;
        for (Future<RunStarter.FirstRun> run : started) {
            claimed += run.get().run().orElseThrow() == 1 ? 1 : 0;
        }
        callers.shutdown();
        assertThat(claimed).as("none rejected").isEqualTo(count);

        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                mostAtOnce.accumulateAndGet(jdbc.sql("""
                                select count(*) from transcript where recording_id like :prefix
                                and status = 'processing' and lease_owner is not null""")
                        .param("prefix", prefix + "%").query(Integer.class).single(), Math::max);
            }
        });
        sampler.start();
        try {
            Eventually.await(Duration.ofMinutes(10), () -> jdbc.sql("""
                            select count(*) from transcript where recording_id like :prefix and status in ('idle', 'processing')""")
                    .param("prefix", prefix + "%").query(Integer.class).single() == 0, "the queue to drain");
        } finally {
            sampling.set(false);
            sampler.join();
        }

        assertThat(jdbc.sql("""
                        select count(*) from transcript where recording_id like :prefix and status = 'error' and run = 1
                        and failure_kind = 'permanent' and error_msg like '%does not exist in the bucket%'""")
                .param("prefix", prefix + "%").query(Integer.class).single()).as("each run once, to its end").isEqualTo(count);
        assertThat(jdbc.sql("select count(*) from run_job j join transcript t on t.id = j.transcript_id "
                + "where t.recording_id like :prefix").param("prefix", prefix + "%").query(Integer.class).single())
                .isZero();
        assertThat(mostAtOnce.get()).as("runs at once, over %d slots", slots).isPositive().isLessThanOrEqualTo(slots);
    }

    @Test
    void aRunWhoseInstanceStopsRenewingIsFinishedByAnotherAndItsLateOutcomeIsDiscarded() {
        // only the instance that will stop renewing takes runs for now
        pauseTaking(context);
        pauseTaking(other.context());
        OtherInstance dying = OtherInstance.start(context, slowRunSettings());
        try {
            String recordingId = UUID.randomUUID().toString();
            String transcriptId = queueSlowRun(recordingId);
            Eventually.await(PROCESSING_LIMIT, () -> dying.bean(RunWorkers.class).running().stream()
                    .anyMatch(ref -> ref.transcriptId().equals(transcriptId)), "the dying instance to run it");

            // dead as far as anyone can tell: no more renewing, sweeping or taking
            for (String route : List.of("run-lease-heartbeat", "recovery-sweep", "run-queue")) {
                stopRoute(dying.context(), route);
            }
            resumeTaking(context);

            Eventually.await(PROCESSING_LIMIT, () -> "ended".equals(status(recordingId))
                    && run(recordingId) == 2, "another instance to finish it as run 2");
            Eventually.await(PROCESSING_LIMIT, () -> dying.bean(RunWorkers.class).running().isEmpty(),
                    "the dead run to report at last");

            assertThat(status(recordingId)).isEqualTo("ended");
            assertThat(run(recordingId)).isEqualTo(2);
            assertThat(recoveryAttempts(recordingId)).isEqualTo(1);
        } finally {
            dying.close();
            resumeTaking(context);
            resumeTaking(other.context());
        }
    }

    @Test
    void aRunWhoseInstanceIsKilledIsFinishedByAnotherAfterItsLease() {
        try (OtherInstanceProcess killed = OtherInstanceProcess.start(context, "killed-instance", slowRunSettings())) {
            String recordingId = runOnTheProcess(killed);

            killed.kill();
            resumeTaking(context);
            resumeTaking(other.context());

            Eventually.await(PROCESSING_LIMIT, () -> "ended".equals(status(recordingId)) && run(recordingId) == 2,
                    "another instance to finish it as run 2");
            assertThat(recoveryAttempts(recordingId)).as("recovered as a lost run").isEqualTo(1);
        } finally {
            resumeTaking(context);
            resumeTaking(other.context());
        }
    }

    @Test
    void aRunWhoseInstanceIsToldToStopIsHandedBackAndFinishedByAnother() throws IOException {
        try (OtherInstanceProcess stopped = OtherInstanceProcess.start(context, "stopped-instance", slowRunSettings())) {
            String recordingId = runOnTheProcess(stopped);

            Duration exit = stopped.terminate();
            System.out.printf("the other instance exited %.1f s after SIGTERM, mid-run%n", exit.toMillis() / 1000.0);
            assertThat(run(recordingId)).as("handed back as a new run when the stop began").isEqualTo(2);
            assertThat(Files.readAllLines(stopped.log())).as("the stopped instance's log")
                    .noneMatch(line -> line.contains(" ERROR "));
            resumeTaking(context);
            resumeTaking(other.context());

            Eventually.await(PROCESSING_LIMIT, () -> "ended".equals(status(recordingId)), "another instance to end it");
            assertThat(run(recordingId)).isEqualTo(2);
            assertThat(recoveryAttempts(recordingId)).as("a hand-back is not a recovery").isZero();
        } finally {
            resumeTaking(context);
            resumeTaking(other.context());
        }
    }

    /**
     * A short lease, a short stop grace, and a transcription retried twice, 3 s then 6 s later, so that a run of
     * {@link #queueSlowRun} lasts well past both.
     */
    private static Map<String, Object> slowRunSettings() {
        return Map.of("reflector.pipeline.concurrent-recordings", 1, "reflector.pipeline.stop-grace", "1s",
                "reflector.recovery.lease", "3s", "reflector.recovery.heartbeat", "1s",
                "reflector.transcription.max-attempts", 3, "reflector.transcription.retry-delay", "3s");
    }

    /**
     * Queues a first run of the class's tracks whose transcription of track 0 fails twice with 503, so that on an
     * instance with {@link #slowRunSettings} it takes 9 s or more.
     *
     * @return the transcript's id
     */
    private String queueSlowRun(String recordingId) {
        String transcriptId = starter.firstRun(recordingId, Platform.DAILY, properties.storage().dailyBucket(),
                "testdomain/" + ROOM + "/" + recordingId, trackKeys, trackKeys, Instant.now(), ROOM).transcriptId();
        ModalTranscriptionStub.INSTANCE.failFirst(track -> track.contains(transcriptId + "/tracks/padded_0"), 503, 503);
        return transcriptId;
    }

    /**
     * Queues a run that only the process can take (the in-JVM instances stop taking), and waits until it has.
     *
     * @return the recording's id
     */
    private String runOnTheProcess(OtherInstanceProcess process) {
        pauseTaking(context);
        pauseTaking(other.context());
        String recordingId = UUID.randomUUID().toString();
        String transcriptId = queueSlowRun(recordingId);
        Set<String> inJvm = Set.of(context.getBean(RunLeases.class).owner(), other.bean(RunLeases.class).owner());
        String owner = Eventually.await(PROCESSING_LIMIT, () -> {
            process.mustBeAlive();
            return jdbc.sql("""
                            select lease_owner from transcript
                            where id = :id and status = 'processing' and lease_until <> 'infinity'""")
                    .param("id", transcriptId).query(String.class).optional().orElse(null);
        }, "the other instance's JVM to take the run (its log: " + process.log() + ")");
        assertThat(inJvm).as("owners in this JVM").doesNotContain(owner);
        return recordingId;
    }

    private static void pauseTaking(ApplicationContext instance) {
        stopRoute(instance, "run-queue");
    }

    private static void resumeTaking(ApplicationContext instance) {
        try {
            instance.getBean(CamelContext.class).getRouteController().startRoute("run-queue");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void stopRoute(ApplicationContext instance, String route) {
        try {
            instance.getBean(CamelContext.class).getRouteController().stopRoute(route);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private int recoveryAttempts(String recordingId) {
        return jdbc.sql("select recovery_attempts from transcript where recording_id = :id").param("id", recordingId)
                .query(Integer.class).single();
    }

    private int run(String recordingId) {
        return jdbc.sql("select run from transcript where recording_id = :id").param("id", recordingId)
                .query(Integer.class).single();
    }

    private static double taken(MeterRegistry registry) {
        return registry.counter("reflector.runs.taken").count();
    }

    private String status(String recordingId) {
        return jdbc.sql("select status from transcript where recording_id = :id").param("id", recordingId)
                .query(String.class).optional().orElse(null);
    }

    private static HttpResponse<String> post(Http to, String event) {
        return new DailyWebhooks(to).post(event);
    }

    private static String readyEvent(String eventId, String recordingId) {
        StringBuilder tracks = new StringBuilder("[");
        for (String key : trackKeys) {
            tracks.append("{\"type\":\"audio\",\"s3Key\":\"").append(key).append("\",\"size\":1000},");
        }
        tracks.setLength(tracks.length() - 1);
        return DailyWebhooks.envelope(eventId, "recording.ready-to-download", "{\"type\":\"raw-tracks\",\"recording_id\":\""
                + recordingId + "\",\"room_name\":\"" + ROOM + "\",\"s3_key\":\"testdomain/" + ROOM + "/" + recordingId
                + "\",\"start_ts\":1764072000,\"status\":\"finished\","
                + "\"tracks\":" + tracks + "]}");
    }
}
