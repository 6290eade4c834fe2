package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeeting;
import io.reflector.ingest.media.TestMeetingGenerator;
import io.reflector.ingest.support.DailyApiStub;
import io.reflector.ingest.support.DailyApiStub.ListedRecording;
import io.reflector.ingest.support.DailyApiStub.Track;
import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.InboxEvents;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Daily backstop against the Daily API stub: recordings Daily lists but whose webhook never came are ingested
 * through the webhook's own path, once; the cursor reads only what is new, page by page, and survives a restart of
 * the route; a FAILED webhook shows in health and metrics. The poller runs every second in the tests, so every
 * wait is for an outcome, never for a time.
 */
class DailyBackstopRouteTest extends EmbeddedDefaultTest {
    private static final String POLL_ROUTE = "daily-recordings-poll";
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(2);
    private static final DailyApiStub DAILY = DailyApiStub.INSTANCE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FfmpegBinaries ffmpeg;
    @Autowired
    ReflectorProperties properties;
    @Autowired
    CamelContext camel;
    @TempDir
    Path directory;

    @Test
    void aFinishedRecordingWhoseWebhookNeverCameIsIngestedOnceEvenWhenTheWebhookFollows() {
        String room = room();
        long recordingStartMs = 1_768_478_400_000L;
        createMeeting(room, Instant.ofEpochMilli(recordingStartMs).minusSeconds(60));
        TestMeeting meeting = new TestMeetingGenerator(ffmpeg, new ProcessRunner()).generate(List.of(
                new TestMeetingGenerator.TrackPlan(0, 3_000, 1, List.of(), List.of(1_000)),
                new TestMeetingGenerator.TrackPlan(400, 3_000, 1, List.of(), List.of(2_000))), directory);
        String folder = "testdomain/" + room + "/";
        List<Track> tracks = new ArrayList<>();
        for (TestMeeting.Track track : meeting.tracks()) {
            String key = folder + recordingStartMs + "-" + UUID.randomUUID() + "-cam-audio-" + (recordingStartMs + track.startMs());
            s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(key), RequestBody.fromFile(track.file()));
            tracks.add(new Track("audio", key, 1000));
        }
        tracks.add(new Track("video", folder + recordingStartMs + "-" + UUID.randomUUID() + "-cam-video-" + recordingStartMs, 9));
        ListedRecording recording = new ListedRecording(UUID.randomUUID().toString(), room, recordingStartMs / 1000,
                "finished", folder + recordingStartMs, tracks);

        DAILY.list(recording);

        Eventually.await(PROCESSING_LIMIT, () -> "ended".equals(transcriptStatus(recording.id())), "processing to end");
        int queriesSoFar = DAILY.listQueries().size();
        Eventually.await(PROCESSING_LIMIT, () -> DAILY.listQueries().size() >= queriesSoFar + 3, "three more polls");
        assertIngestedOnce(recording.id());
        assertThat(jdbc.sql("select processed_at is not null from inbox_event where provider = 'daily' and event_id = :id")
                .param("id", "poll:" + recording.id()).query(Boolean.class).single()).isTrue();

        String lateWebhook = readyEvent(recording);
        assertThat(new DailyWebhooks(http()).post(lateWebhook).statusCode()).isEqualTo(200);
        InboxEvents inbox = new InboxEvents(jdbc);
        inbox.awaitProcessed(lateWebhook);

        assertThat(inbox.processedCleanly(lateWebhook)).isTrue();
        assertIngestedOnce(recording.id());
        JsonNode transcript = transcript(recording.id());
        assertThat(transcript.path("participants")).hasSize(2);
        assertThat(transcript.path("duration_ms").asDouble()).isPositive();
    }

    @Test
    void onlyFinishedRawTracksRecordingsWithAudioAreIngestedAndOneInProgressIsWaitedFor() {
        String room = room();
        ListedRecording inProgress = rawTracks(room, "in-progress", "cam-audio");
        ListedRecording canceled = new ListedRecording(UUID.randomUUID().toString(), room, now(), "canceled", "x", null);
        ListedRecording cloud = new ListedRecording(UUID.randomUUID().toString(), room, now(), "finished",
                "testdomain/" + room + "/cloud.mp4", null);
        ListedRecording videoOnly = rawTracks(room, "finished", "cam-video");
        ListedRecording noTracks = new ListedRecording(UUID.randomUUID().toString(), room, now(), "finished",
                "testdomain/" + room + "/none", List.of());
        ListedRecording ingestible = rawTracks(room, "finished", "cam-audio");
        // its recording.started came, its ready-to-download did not: a placeholder row, which is no reason to skip
        String started = DailyWebhooks.envelope("rec-start-" + inProgress.id(), "recording.started",
                "{\"recording_id\":\"" + inProgress.id() + "\",\"room_name\":\"" + room + "\",\"start_ts\":" + now() + "}");
        new DailyWebhooks(http()).post(started);
        new InboxEvents(jdbc).awaitProcessed(started);
        try {
            DAILY.list(inProgress, canceled, cloud, videoOnly, noTracks, ingestible);

            Eventually.await(PROCESSING_LIMIT, () -> hasTranscript(ingestible.id()), "the finished recording");
            int queriesSoFar = DAILY.listQueries().size();
            Eventually.await(PROCESSING_LIMIT, () -> DAILY.listQueries().size() >= queriesSoFar + 2, "two more polls");
            for (ListedRecording skipped : List.of(inProgress, canceled, cloud, videoOnly, noTracks)) {
                assertThat(hasTranscript(skipped.id())).as(skipped.toString()).isFalse();
                assertThat(count("select count(*) from inbox_event where event_id = :id", "poll:" + skipped.id()))
                        .as(skipped.toString()).isZero();
            }
            assertThat(count("select count(*) from recording where id = :id", canceled.id())).isZero();
            assertThat(jdbc.sql("select status from recording where id = :id").param("id", inProgress.id())
                    .query(String.class).single()).isEqualTo("recording");
        } finally {
            DAILY.update(inProgress.withStatus("finished"));
        }

        Eventually.await(PROCESSING_LIMIT, () -> hasTranscript(inProgress.id()), "the recording once finished");
        assertThat(count("select count(*) from recording where id = :id", inProgress.id())).isOne();
        assertThat(jdbc.sql("select object_key from recording where id = :id").param("id", inProgress.id())
                .query(String.class).single()).isEqualTo(inProgress.s3key());
    }

    @Test
    void theCursorReadsOnlyWhatIsNewPageByPageAndResumesAfterARestart() throws Exception {
        String room = room();
        ListedRecording anchor = cloud(room);
        DAILY.list(anchor);
        Eventually.await(PROCESSING_LIMIT, () -> anchor.id().equals(cursor()), "the cursor at the newest recording");

        camel.getRouteController().stopRoute(POLL_ROUTE);
        List<ListedRecording> backlog = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            backlog.add(i == 10 || i == 140 ? rawTracks(room, "finished", "cam-audio") : cloud(room));
        }
        DAILY.list(backlog.toArray(ListedRecording[]::new));
        int queriesBefore = DAILY.listQueries().size();
        camel.getRouteController().startRoute(POLL_ROUTE);

        String newest = backlog.get(149).id();
        Eventually.await(PROCESSING_LIMIT, () -> newest.equals(cursor()), "the cursor at the newest of the backlog");
        Eventually.await(PROCESSING_LIMIT, () -> hasTranscript(backlog.get(10).id()) && hasTranscript(backlog.get(140).id()),
                "the two ingestible recordings, one on each page");
        List<Map<String, String>> queries = DAILY.listQueries().subList(queriesBefore, DAILY.listQueries().size());
        assertThat(queries.get(0)).isEqualTo(Map.of("limit", "100", "ending_before", anchor.id()));
        assertThat(queries.get(1)).isEqualTo(Map.of("limit", "100", "ending_before", backlog.get(99).id()));
        assertThat(queries).allSatisfy(query -> assertThat(query).containsKey("ending_before"));
        assertThat(jdbc.sql("select count(*) from inbox_event where event_id in (:ids)")
                .param("ids", backlog.stream().map(r -> "poll:" + r.id()).toList()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aFailedDailyWebhookShowsInHealthAndMetricsUntilItIsActiveAgain() {
        try {
            DAILY.webhook("FAILED", 3);

            JsonNode degraded = Eventually.await(PROCESSING_LIMIT,
                    () -> dailyWebhookHealth("DEGRADED"), "the health detail of the failed webhook");
            assertThat(degraded.path("details").toString()).contains(DailyApiStub.WEBHOOK_UUID).contains("FAILED");
            Eventually.await(PROCESSING_LIMIT, () -> failedWebhookMetric().equals("1.0"), "the metric");
            HttpResponse<String> overall = http().get("/actuator/health");
            assertThat(json(overall.body()).path("status").asText()).isEqualTo("DEGRADED");
            assertThat(overall.statusCode()).isEqualTo(200);

            DAILY.webhook("ACTIVE", 0);

            Eventually.await(PROCESSING_LIMIT, () -> dailyWebhookHealth("UP"), "the webhook healthy again");
            Eventually.await(PROCESSING_LIMIT, () -> failedWebhookMetric().equals("0.0"), "the metric back at 0");
        } finally {
            DAILY.webhook("ACTIVE", 0);
        }
    }

    private void assertIngestedOnce(String recordingId) {
        assertThat(count("select count(*) from recording where id = :id", recordingId)).isOne();
        assertThat(count("select count(*) from transcript where recording_id = :id", recordingId)).isOne();
        JsonNode transcript = transcript(recordingId);
        assertThat(transcript.path("status").asText()).isEqualTo("ended");
        List<String> events = new ArrayList<>();
        transcript.path("events").forEach(e -> events.add(e.path("event").asText() + ":" + e.path("data").path("value").asText()));
        assertThat(transcript.path("run").asInt()).as("one run").isOne();
        assertThat(events).as("one run").containsExactly("STATUS:processing", "DURATION:", "WAVEFORM:", "TRANSCRIPT:",
                "STATUS:ended");
    }

    private JsonNode dailyWebhookHealth(String status) {
        JsonNode health = json(http().get("/actuator/health", "Authorization", Http.OPS_BASIC).body());
        JsonNode component = health.path("components").path("dailyWebhook");
        return status.equals(component.path("status").asText()) ? component : null;
    }

    private String failedWebhookMetric() {
        return http().get("/actuator/prometheus", "Authorization", Http.OPS_BASIC).body().lines()
                .filter(line -> line.startsWith("reflector_daily_webhook_failed"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst().orElse("absent");
    }

    private String readyEvent(ListedRecording recording) {
        StringBuilder tracks = new StringBuilder();
        for (Track track : recording.tracks()) {
            tracks.append(tracks.isEmpty() ? "" : ",").append("{\"type\":\"").append(track.type())
                    .append("\",\"s3Key\":\"").append(track.s3Key()).append("\",\"size\":").append(track.size()).append('}');
        }
        return DailyWebhooks.envelope("rec-rtd-" + recording.id(), "recording.ready-to-download",
                "{\"type\":\"raw-tracks\",\"recording_id\":\"" + recording.id() + "\",\"room_name\":\"" + recording.roomName()
                        + "\",\"start_ts\":" + recording.startTs() + ",\"status\":\"finished\",\"s3_key\":\""
                        + recording.s3key() + "\",\"tracks\":[" + tracks + "]}");
    }

    /**
     * Tracks that do not exist in the bucket: enough to check what is registered, the pipeline then fails. Each
     * recording starts at its own millisecond, so each has its own prefix, as at Daily.
     */
    private static ListedRecording rawTracks(String room, String status, String kind) {
        long startMs = now() * 1000 + SEQUENCE.incrementAndGet();
        String prefix = "testdomain/" + room + "/" + startMs;
        String type = kind.endsWith("audio") ? "audio" : "video";
        return new ListedRecording(UUID.randomUUID().toString(), room, now(), status, prefix,
                List.of(new Track(type, prefix + "-" + UUID.randomUUID() + "-" + kind + "-" + (startMs + 100), 1000)));
    }

    private static ListedRecording cloud(String room) {
        return new ListedRecording(UUID.randomUUID().toString(), room, now(), "finished",
                "testdomain/" + room + "/" + UUID.randomUUID() + ".mp4", null);
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static String room() {
        return "backstop-" + UUID.randomUUID().toString().substring(0, 8) + "-20260115120000";
    }

    private void createMeeting(String room, Instant start) {
        http().apiPost("/v1/meetings", "{\"id\":\"" + UUID.randomUUID() + "\",\"room_name\":\"" + room
                + "\",\"platform\":\"daily\",\"start_date\":\"" + start + "\"}");
    }

    private String cursor() {
        return jdbc.sql("select position from poll_cursor where poller = 'daily-recordings'")
                .query(String.class).optional().orElse(null);
    }

    private boolean hasTranscript(String recordingId) {
        return count("select count(*) from transcript where recording_id = :id", recordingId) == 1;
    }

    private String transcriptStatus(String recordingId) {
        return jdbc.sql("select status from transcript where recording_id = :id").param("id", recordingId)
                .query(String.class).optional().orElse("none");
    }

    private JsonNode transcript(String recordingId) {
        String id = jdbc.sql("select id from transcript where recording_id = :id").param("id", recordingId)
                .query(String.class).single();
        return json(http().api("/v1/transcripts/" + id).body());
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private long count(String sql, String id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }
}
