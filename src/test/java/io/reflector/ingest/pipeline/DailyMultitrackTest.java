package io.reflector.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.MarkerLocator;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeeting;
import io.reflector.ingest.media.TestMeetingGenerator;
import io.reflector.ingest.support.DailyApiStub;
import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.ModalTranscriptionStub;
import io.reflector.ingest.support.TranscriptionStub;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A generated Daily meeting (3 participants, offsets, muted gaps with really missing packets, marker tones at known
 * meeting times) goes through the real pipeline: signed webhook, embedded S3, SQS, PostgreSQL, ffmpeg and the
 * transcription service stub, which hears each marker as a word at its time.
 */
class DailyMultitrackTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MARKER_TOLERANCE_MS = 1.0;
    private static final Duration PROCESSING_LIMIT = Duration.ofMinutes(3);

    @Autowired
    S3Client s3;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FfmpegBinaries ffmpeg;
    @Autowired
    ReflectorProperties properties;
    @TempDir
    static Path directory;

    private final ProcessRunner runner = new ProcessRunner();
    private final String roomName = "standup-20261125120000";
    // one meeting for the whole class: generated and processed once, by the first test
    private static TestMeeting meeting;
    private static final String recordingId = UUID.randomUUID().toString();
    private static final List<String> trackKeys = new ArrayList<>();
    private static HttpResponse<String> webhookResponse;
    private static String statusWhenAnswered;

    /**
     * Once for the class, from the first test: Camel's test support starts the routes just before each test
     * method, so a {@code @BeforeAll} would post the webhook to an application that is not yet listening.
     */
    @BeforeEach
    void recordAMeetingAndAnnounceItOnce() throws Exception {
        if (meeting != null) {
            return;
        }
        meeting = new TestMeetingGenerator(ffmpeg, runner).generate(TestMeetingGenerator.defaultPlan(), directory);
        long recordingStartMs = 1_764_072_000_000L;
        String folder = "testdomain/" + roomName + "/";
        List<DailyApiStub.Participant> participants = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> participants.add(
                new DailyApiStub.Participant(UUID.randomUUID().toString(), "Someone else " + i, null)));
        for (TestMeeting.Track track : meeting.tracks()) {
            String participant = UUID.randomUUID().toString();
            String key = folder + recordingStartMs + "-" + participant + "-cam-audio-" + (recordingStartMs + track.startMs());
            s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(key), RequestBody.fromFile(track.file()));
            trackKeys.add(key);
            // past the first page of 100, to prove every page is read; the second speaker has no name
            participants.add(new DailyApiStub.Participant(participant, track.index() == 1 ? null : "Person " + track.index(),
                    "user-" + track.index()));
        }
        DailyApiStub.INSTANCE.recording(recordingId, "session-" + recordingId, participants);
        http().apiPost("/v1/meetings", "{\"id\":\"" + UUID.randomUUID() + "\",\"room_name\":\"" + roomName
                + "\",\"platform\":\"daily\",\"start_date\":\"" + Instant.ofEpochMilli(recordingStartMs).minusSeconds(60) + "\"}");

        webhookResponse = new DailyWebhooks(http()).post(readyEvent("rec-rtd-" + recordingId, trackKeys));
        statusWhenAnswered = transcriptStatus();
        Eventually.await(PROCESSING_LIMIT, () -> List.of("ended", "error").contains(transcriptStatus()), "processing");
    }

    @Test
    void theWebhookIsAnsweredBeforeProcessingFinishes() {
        assertThat(webhookResponse.statusCode()).isEqualTo(200);
        assertThat(webhookResponse.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(statusWhenAnswered).isNotEqualTo("ended");
    }

    @Test
    void theRecordingEndsWithItsRowsAndParticipants() throws Exception {
        JsonNode transcript = transcript();
        assertThat(transcript.path("status").asText()).as(transcript.path("error_msg").asText()).isEqualTo("ended");

        JsonNode recording = JSON.readTree(http().api("/v1/recordings/" + recordingId).body());
        assertThat(recording.path("status").asText()).isEqualTo("completed");
        assertThat(recording.path("track_keys")).hasSize(3);
        assertThat(recording.path("track_keys").get(0).asText()).isEqualTo(trackKeys.get(0));
        assertThat(recording.path("meeting_id").isNull()).isFalse();

        JsonNode participants = transcript.path("participants");
        assertThat(participants).hasSize(3);
        assertThat(participants.get(0).path("name").asText()).isEqualTo("Person 0");
        assertThat(participants.get(1).path("name").asText()).isEqualTo("Speaker 1");
        assertThat(participants.get(2).path("speaker").asInt()).isEqualTo(2);
        assertThat(participants.get(2).path("user_id").asText()).isEqualTo("user-2");

        assertThat(transcript.path("waveform")).hasSize(255);
        assertThat(transcript.path("duration_ms").asDouble()).isCloseTo(meeting.expectedMixDurationMs(), within(20.0));
        List<String> events = new ArrayList<>();
        transcript.path("events").forEach(e -> events.add(e.path("event").asText() + ":" + e.path("data").path("value").asText()));
        assertThat(events).containsExactly("STATUS:processing", "DURATION:", "WAVEFORM:", "TRANSCRIPT:", "STATUS:ended");
        assertThat(transcript.path("transcription").asText()).isEqualTo("completed");
    }

    /** The stub transcribed the padded tracks from presigned URLs: its words are where the markers are in them. */
    @Test
    void everyMarkerIsAWordOfItsSpeakerAtItsMeetingTimeInTimeOrder() throws Exception {
        JsonNode transcript = transcript();
        List<JsonNode> words = new ArrayList<>();
        transcript.path("words").forEach(words::add);
        List<int[]> expected = new ArrayList<>();
        meeting.tracks().forEach(track -> track.markersMs().forEach(ms -> expected.add(new int[] {track.index(), ms})));
        expected.sort((a, b) -> Integer.compare(a[1], b[1]));

        assertThat(words).hasSameSizeAs(expected);
        for (int i = 0; i < words.size(); i++) {
            JsonNode word = words.get(i);
            int speaker = expected.get(i)[0];
            assertThat(word.path("speaker").asInt()).as("speaker of word %d", i).isEqualTo(speaker);
            assertThat(word.path("text").asText()).as("word %d", i).isEqualTo("marker" + speaker + " ");
            assertThat(word.path("start").asDouble() * 1000 - expected.get(i)[1]).as("start of word %d", i)
                    .isCloseTo(0, within(MARKER_TOLERANCE_MS));
            assertThat(word.path("end").asDouble()).isGreaterThan(word.path("start").asDouble());
        }
        JsonNode transcriptEvent = event(transcript, "TRANSCRIPT");
        assertThat(transcriptEvent.path("text").asText()).isEqualTo(String.join(" ",
                expected.stream().map(e -> "marker" + e[0]).toList()));
        assertThat(transcriptEvent.has("translation")).isTrue();
        assertThat(transcriptEvent.path("translation").isNull()).isTrue();
        assertThat(ModalTranscriptionStub.INSTANCE.requests(paddedTrackOf(recordingId, 0))).hasSize(1);
    }

    @Test
    void everyMarkerSitsAtItsMeetingTimeInTheMixAndNoTempFileIsLeft() throws Exception {
        String transcriptId = transcript().path("id").asText();
        Path mix = download(transcriptId + "/audio.mp3");
        float[] mixed = MarkerLocator.decodeFirstChannel(ffmpeg, runner, mix);
        assertMarkers(mixed, meeting.tracks(), "mix");
        assertThat(mixed.length * 1000.0 / MarkerLocator.SAMPLE_RATE).isCloseTo(meeting.expectedMixDurationMs(), within(20.0));

        JsonNode waveform = JSON.readTree(Files.readAllBytes(download(transcriptId + "/waveform.json")));
        assertThat(waveform).hasSize(255);
        assertThat(properties.dataDir().resolve("work").resolve(transcriptId)).doesNotExist();
        assertThat(paddedTracksInS3(transcriptId)).isEmpty();
    }

    @Test
    void duplicatesMakeNoSecondRecordingTranscriptOrRun() throws Exception {
        DailyWebhooks daily = new DailyWebhooks(http());
        assertThat(daily.post(readyEvent("rec-rtd-" + recordingId, trackKeys)).statusCode()).isEqualTo(200);
        assertThat(daily.post(readyEvent("rec-rtd-again-" + recordingId, trackKeys)).statusCode()).isEqualTo(200);
        Eventually.await(Duration.ofSeconds(30), () -> jdbc.sql(
                        "select count(*) = 0 from inbox_event where event_id = :id and processed_at is null")
                .param("id", "rec-rtd-again-" + recordingId).query(Boolean.class).single(), "the second event");

        assertThat(count("select count(*) from recording where id = :id")).isEqualTo(1);
        assertThat(count("select count(*) from transcript where recording_id = :id")).isEqualTo(1);
        assertThat(transcript().path("status").asText()).isEqualTo("ended");
        assertThat(transcript().path("events")).hasSize(5);
    }

    @Test
    void aMissingTrackObjectFailsTheRecordingVisiblyAndMixesNothing() throws Exception {
        String otherRecording = UUID.randomUUID().toString();
        String present = "testdomain/" + roomName + "/1764075600000-" + UUID.randomUUID() + "-cam-audio-1764075600100";
        s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(present),
                RequestBody.fromFile(meeting.tracks().get(0).file()));
        List<String> keys = List.of(present, "testdomain/" + roomName + "/1764075600000-"
                + UUID.randomUUID() + "-cam-audio-1764075601000");
        new DailyWebhooks(http()).post(readyEvent("rec-rtd-" + otherRecording, keys, otherRecording));

        Eventually.await(PROCESSING_LIMIT, () -> "error".equals(statusOf(otherRecording)), "the error status");
        JsonNode transcript = JSON.readTree(http().api("/v1/transcripts/" + transcriptIdOf(otherRecording)).body());
        assertThat(transcript.path("error_msg").asText()).contains("track 1").contains("does not exist");
        assertThat(s3.listObjectsV2(b -> b.bucket(properties.storage().transcriptBucket())
                .prefix(transcriptIdOf(otherRecording) + "/audio")).contents()).isEmpty();
        assertThat(JSON.readTree(http().api("/v1/recordings/" + otherRecording).body()).path("status").asText())
                .isEqualTo("error");
        assertThat(paddedTracksInS3(transcriptIdOf(otherRecording))).isEmpty();
        assertThat(transcript.path("transcription").asText()).isEqualTo("pending");
    }

    @Test
    void aTrackTheServiceFailsTwiceIsRetriedAndTheRecordingEnds() throws Exception {
        String recording = UUID.randomUUID().toString();
        ModalTranscriptionStub.INSTANCE.failFirst(paddedTrackOf(recording, 1), 503, 429);

        announceTwoTracksOfTheMeeting(recording, 1_764_079_200_000L);

        Eventually.await(PROCESSING_LIMIT, () -> List.of("ended", "error").contains(statusOf(recording)), "processing");
        JsonNode transcript = JSON.readTree(http().api("/v1/transcripts/" + transcriptIdOf(recording)).body());
        assertThat(transcript.path("status").asText()).as(transcript.path("error_msg").asText()).isEqualTo("ended");
        assertThat(ModalTranscriptionStub.INSTANCE.requests(paddedTrackOf(recording, 1)))
                .extracting(TranscriptionStub.Request::status).containsExactly(503, 429, 200);
        List<Integer> speakers = new ArrayList<>();
        transcript.path("words").forEach(word -> speakers.add(word.path("speaker").asInt()));
        assertThat(speakers).containsOnly(0, 1).hasSize(meeting.tracks().get(0).markersMs().size()
                + meeting.tracks().get(1).markersMs().size());
    }

    @Test
    void aTrackTheServiceAlwaysFailsFailsTheTranscriptNamingItAndLeavesNoPaddedTrack() throws Exception {
        String recording = UUID.randomUUID().toString();
        ModalTranscriptionStub.INSTANCE.failAlways(paddedTrackOf(recording, 1), 500);

        announceTwoTracksOfTheMeeting(recording, 1_764_082_800_000L);

        Eventually.await(PROCESSING_LIMIT, () -> List.of("ended", "error").contains(statusOf(recording)), "processing");
        String transcriptId = transcriptIdOf(recording);
        JsonNode transcript = JSON.readTree(http().api("/v1/transcripts/" + transcriptId).body());
        assertThat(transcript.path("status").asText()).isEqualTo("error");
        assertThat(transcript.path("transcription").asText()).isEqualTo("error");
        assertThat(transcript.path("error_msg").asText())
                .startsWith("transient failure, retried after a back-off: transcription failed for track 1 of 2 (3 attempts): HTTP 500")
                .doesNotContain("track 0");
        assertThat(transcript.path("words")).isEmpty();
        assertThat(ModalTranscriptionStub.INSTANCE.requests(paddedTrackOf(recording, 1))).hasSize(3);
        assertThat(paddedTracksInS3(transcriptId)).isEmpty();
        assertThat(properties.dataDir().resolve("work").resolve(transcriptId)).doesNotExist();
        assertThat(s3.headObject(b -> b.bucket(properties.storage().transcriptBucket()).key(transcriptId + "/audio.mp3"))
                .contentLength()).isPositive();
        assertThat(JSON.readTree(http().api("/v1/recordings/" + recording).body()).path("status").asText())
                .isEqualTo("error");
    }

    /** The first two participants of the meeting again, as another recording of the same room. */
    private void announceTwoTracksOfTheMeeting(String recording, long recordingStartMs) {
        List<String> keys = new ArrayList<>();
        for (TestMeeting.Track track : meeting.tracks().subList(0, 2)) {
            String key = "testdomain/" + roomName + "/" + recordingStartMs + "-" + UUID.randomUUID() + "-cam-audio-"
                    + (recordingStartMs + track.startMs());
            s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(key), RequestBody.fromFile(track.file()));
            keys.add(key);
        }
        new DailyWebhooks(http()).post(readyEvent("rec-rtd-" + recording, keys, recording));
    }

    /** The stub sees a padded track as the path of its presigned URL, which holds the transcript id. */
    private Predicate<String> paddedTrackOf(String recording, int index) {
        return path -> jdbc.sql("select id from transcript where recording_id = :id").param("id", recording)
                .query(String.class).optional()
                .map(id -> path.endsWith("/" + id + "/tracks/padded_" + index + ".webm")).orElse(false);
    }

    private List<String> paddedTracksInS3(String transcriptId) {
        return s3.listObjectsV2(b -> b.bucket(properties.storage().transcriptBucket()).prefix(transcriptId + "/tracks/"))
                .contents().stream().map(S3Object::key).toList();
    }

    private static JsonNode event(JsonNode transcript, String name) {
        for (JsonNode event : transcript.path("events")) {
            if (event.path("event").asText().equals(name)) {
                return event.path("data");
            }
        }
        throw new AssertionError("no " + name + " event in " + transcript.path("events"));
    }

    private void assertMarkers(float[] pcm, List<TestMeeting.Track> tracks, String what) {
        for (TestMeeting.Track track : tracks) {
            for (int markerMs : track.markersMs()) {
                var found = MarkerLocator.locate(pcm, markerMs / 1000.0, track.markerFreqHz(),
                        TestMeetingGenerator.MARKER_MS / 1000.0, 0.5);
                assertThat(found).as("%s: marker of track %d at %d ms", what, track.index(), markerMs).isPresent();
                assertThat(found.get().seconds() * 1000 - markerMs)
                        .as("%s: error of the marker of track %d at %d ms", what, track.index(), markerMs)
                        .isCloseTo(0, within(MARKER_TOLERANCE_MS));
            }
        }
    }

    private String readyEvent(String eventId, List<String> audioKeys) {
        return readyEvent(eventId, audioKeys, recordingId);
    }

    private String readyEvent(String eventId, List<String> audioKeys, String recording) {
        StringBuilder tracks = new StringBuilder("[");
        for (String key : audioKeys) {
            tracks.append("{\"type\":\"audio\",\"s3Key\":\"").append(key).append("\",\"size\":1000},");
        }
        String other = "testdomain/" + roomName + "/1764072000000-" + UUID.randomUUID();
        tracks.append("{\"type\":\"video\",\"s3Key\":\"").append(other).append("-cam-video-1764072000100\",\"size\":9},");
        tracks.append("{\"type\":\"audio\",\"s3Key\":\"").append(other).append("-screen-audio-1764072000200\",\"size\":9}]");
        return DailyWebhooks.envelope(eventId, "recording.ready-to-download", "{\"type\":\"raw-tracks\",\"recording_id\":\""
                + recording + "\",\"room_name\":\"" + roomName + "\",\"start_ts\":1764072000,\"status\":\"finished\","
                + "\"tracks\":" + tracks + "}");
    }

    private Path download(String key) throws IOException {
        Path file = directory.resolve(key.replace('/', '_'));
        Files.deleteIfExists(file);
        s3.getObject(b -> b.bucket(properties.storage().transcriptBucket()).key(key), file);
        return file;
    }

    private JsonNode transcript() throws IOException {
        return JSON.readTree(http().api("/v1/transcripts/" + transcriptIdOf(recordingId)).body());
    }

    private String transcriptStatus() {
        return statusOf(recordingId);
    }

    private String statusOf(String recording) {
        return jdbc.sql("select status from transcript where recording_id = :id").param("id", recording)
                .query(String.class).optional().orElse("none");
    }

    private String transcriptIdOf(String recording) {
        return jdbc.sql("select id from transcript where recording_id = :id").param("id", recording)
                .query(String.class).single();
    }

    private long count(String sql) {
        return jdbc.sql(sql).param("id", recordingId).query(Long.class).single();
    }
}
