package io.reflector.ingest.roomwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.store.Meeting;
import io.reflector.ingest.store.Participant;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.RecordingRegistry;
import io.reflector.ingest.store.RegisteredRecording;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomRepository;
import io.reflector.ingest.store.RoomWebhookOutbox;
import io.reflector.ingest.store.WebhookAttempt;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.RoomWebhookReceiver;
import io.reflector.ingest.support.RoomWebhookReceiver.Signature;
import io.reflector.ingest.support.TranscriptFixtures;

/**
 * Transcripts end (set up through the repositories) in rooms whose webhook URL is a real receiver of the test,
 * which checks signatures with its own code and answers as each test scripts it.
 */
class RoomWebhookDeliveryTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final String SECRET = "whsec_test-room-secret";

    @Autowired
    ApplicationContext context;
    @Autowired
    RoomRepository rooms;
    @Autowired
    RecordingRegistry recordings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RoomWebhookOutbox outbox;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aSignedTranscriptCompletedReachesTheRoomInReflectorsFormat() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET);
        Room room = room(receiver, SECRET);
        String transcriptId = endedTranscript(room);

        RoomWebhookReceiver.Request request = await(receiver, 1).get(0);
        assertThat(request.signature()).isEqualTo(Signature.VALID);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo("Reflector-Webhook/1.0");
        assertThat(request.header("X-Webhook-Event")).isEqualTo("transcript.completed");
        assertThat(request.header("X-Webhook-Retry")).isEqualTo("0");

        JsonNode body = JSON.readTree(request.body());
        assertThat(request.body()).as("compact JSON").isEqualTo(JSON.writeValueAsString(body));
        assertThat(body.path("event").asText()).isEqualTo("transcript.completed");
        assertThat(body.path("event_id").asText()).matches("[0-9a-f]{32}");
        assertThat(Instant.parse(body.path("timestamp").asText())).isAfter(TranscriptFixtures.MEETING_START);
        JsonNode transcript = body.path("transcript");
        assertThat(transcript.path("id").asText()).isEqualTo(transcriptId);
        assertThat(transcript.path("room_id").asText()).isEqualTo(room.id());
        assertThat(transcript.path("duration").isDouble()).isTrue();
        assertThat(transcript.path("duration").asDouble()).isEqualTo(TranscriptFixtures.DURATION_MS);
        assertThat(transcript.path("status").asText()).isEqualTo("ended");
        assertThat(transcript.path("frontend_url").asText()).isEqualTo("http://localhost:3000/transcripts/" + transcriptId);
        assertThat(transcript.path("webvtt").asText()).isEqualTo("""
                WEBVTT

                00:00:01.000 --> 00:00:02.500
                <v Speaker0>Good morning.

                00:00:02.750 --> 00:00:03.200
                <v Speaker1>Hi!
                """);
        assertThat(transcript.path("participants")).hasSize(2);
        assertThat(transcript.path("participants").get(1).path("speaker").isInt()).isTrue();
        assertThat(transcript.path("participants").get(1).path("name").asText()).isEqualTo("Bea");
        assertThat(transcript.path("topics").isArray()).isTrue();
        assertThat(transcript.path("title").isNull()).isTrue();
        assertThat(body.path("room").path("name").asText()).isEqualTo(room.name());
        assertThat(body.path("calendar_event").isNull()).isTrue();

        JsonNode delivery = deliveries(room).get(0);
        assertThat(delivery.path("event_id").asText()).isEqualTo(body.path("event_id").asText());
        assertThat(delivery.path("status").asText()).isEqualTo("delivered");
        assertThat(delivery.path("attempts").get(0).path("status_code").asInt()).isEqualTo(200);
        assertThat(transcriptStatus(transcriptId)).isEqualTo("ended");
    }

    @Test
    void a503IsRetriedWithTheSameEventIdAndTheRetryCount() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET).answering(503);
        Room room = room(receiver, SECRET);
        endedTranscript(room);

        List<RoomWebhookReceiver.Request> requests = await(receiver, 2);
        assertThat(requests).extracting(r -> eventId(r)).containsOnly(eventId(requests.get(0)));
        assertThat(requests).extracting(r -> r.header("X-Webhook-Retry")).containsExactly("0", "1");
        assertThat(requests).extracting(RoomWebhookReceiver.Request::signature).containsOnly(Signature.VALID);
        JsonNode delivery = awaitStatus(room, "delivered");
        assertThat(delivery.path("attempts")).extracting(a -> a.path("status_code").asInt() + " " + a.path("outcome").asText())
                .containsExactly("503 retry", "200 delivered");
        assertThat(delivery.path("attempts").get(0).path("error").asText()).startsWith("HTTP 503");
    }

    @Test
    void aReceiverThatStallsAfterItsHeadersIsNoAnswerAndRetried() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET).stallingAfterHeaders();
        Room room = room(receiver, SECRET);
        endedTranscript(room);

        JsonNode delivery = awaitStatus(room, "delivered");
        assertThat(delivery.path("attempts")).extracting(a -> a.path("outcome").asText())
                .containsExactly("retry", "delivered");
        JsonNode stalled = delivery.path("attempts").get(0);
        assertThat(stalled.path("status_code").isNull()).isTrue();
        assertThat(stalled.path("error").asText()).startsWith("no answer within");
        assertThat(receiver.received()).extracting(r -> r.header("X-Webhook-Retry")).containsExactly("0", "1");
    }

    @Test
    void a429IsRetriedAndARoomWithoutSecretSendsUnsigned() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(null).answering(429, 429);
        Room room = room(receiver, null);
        endedTranscript(room);

        List<RoomWebhookReceiver.Request> requests = await(receiver, 3);
        assertThat(requests).extracting(RoomWebhookReceiver.Request::signature).containsOnly(Signature.ABSENT);
        assertThat(requests).extracting(r -> eventId(r)).containsOnly(eventId(requests.get(0)));
        assertThat(awaitStatus(room, "delivered").path("attempts")).hasSize(3);
    }

    @Test
    void a400IsGivenUpAtOnceAndAManualReplaySendsTheSameEventAgain() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET).answering(400);
        Room room = room(receiver, SECRET);
        endedTranscript(room);

        JsonNode givenUp = awaitStatus(room, "given_up");
        assertThat(receiver.received()).hasSize(1);
        assertThat(givenUp.path("attempts")).hasSize(1);
        assertThat(givenUp.path("attempts").get(0).path("error").asText()).contains("HTTP 400").contains("not retried");
        assertThat(givenUp.path("next_attempt_at").isNull()).isTrue();

        String eventId = givenUp.path("event_id").asText();
        HttpResponse<String> replay = http().apiPost("/v1/webhook-deliveries/" + eventId + "/retry", "");
        assertThat(replay.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(replay.body()).path("status").asText()).isEqualTo("pending");

        List<RoomWebhookReceiver.Request> requests = await(receiver, 2);
        assertThat(eventId(requests.get(1))).isEqualTo(eventId);
        assertThat(requests.get(1).header("X-Webhook-Retry")).isEqualTo("1");
        assertThat(awaitStatus(room, "delivered").path("attempts")).extracting(a -> a.path("outcome").asText())
                .containsExactly("given_up", "delivered");
    }

    @Test
    void aDeliveryOfARunThatWasReprocessedSinceIsGivenUpUnsent() {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET);
        Room room = roomWithoutUrl();
        String transcriptId = endedTranscript(room);

        // the delivery of the run that ended, and the transcript's next run starting, before any attempt
        transactions.executeWithoutResult(status -> {
            hookUp(room, receiver);
            outbox.completed(transcriptId);
            jdbc.sql("update transcript set run = run + 1, status = 'processing' where id = :id")
                    .param("id", transcriptId).update();
        });

        JsonNode givenUp = awaitStatus(room, "given_up");
        assertThat(givenUp.path("given_up_reason").asText()).startsWith("superseded: the transcript was reprocessed");
        assertThat(givenUp.path("attempts")).isEmpty();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void onlyTheClaimInFlightRecordsItsAttemptAndAReplayWaitsForIt() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET);
        Room room = roomWithoutUrl();
        String transcriptId = endedTranscript(room);
        // claimed by another instance before this one sees it
        transactions.executeWithoutResult(status -> {
            hookUp(room, receiver);
            outbox.completed(transcriptId);
            jdbc.sql("""
                            update room_webhook_delivery set claim_token = 'other-instance',
                                next_attempt_at = now() + interval '1 hour'
                            where transcript_id = :id""")
                    .param("id", transcriptId).update();
        });
        String eventId = deliveries(room).get(0).path("event_id").asText();
        String retry = "/v1/webhook-deliveries/" + eventId + "/retry";

        assertThat(http().apiPost(retry, "").statusCode()).isEqualTo(409);
        WebhookAttempt failed = new WebhookAttempt(0, Instant.now(), 503, "HTTP 503", WebhookAttempt.Outcome.RETRY);
        Instant later = Instant.now().plus(Duration.ofHours(1));
        assertThat(outbox.attempted(eventId, "stale-claim", failed, later)).isFalse();
        assertThat(outbox.attempted(eventId, "other-instance", failed, later)).isTrue();
        assertThat(outbox.attempted(eventId, "other-instance", failed, later)).as("its claim is over").isFalse();
        assertThat(deliveries(room).get(0).path("attempts")).hasSize(1);

        assertThat(http().apiPost(retry, "").statusCode()).isEqualTo(202);
        assertThat(await(receiver, 1).get(0).header("X-Webhook-Retry")).isEqualTo("1");
        assertThat(awaitStatus(room, "delivered").path("attempts")).extracting(a -> a.path("attempt").asInt())
                .containsExactly(0, 1);
    }

    @Test
    void aRoomWithoutWebhookUrlGetsNoDelivery() throws Exception {
        Room room = roomWithoutUrl();
        String transcriptId = endedTranscript(room);

        assertThat(jdbc.sql("select count(*) from room_webhook_delivery where transcript_id = :id")
                .param("id", transcriptId).query(Integer.class).single()).isZero();
        assertThat(deliveries(room)).isEmpty();
    }

    @Test
    void unknownDeliveriesAndRoomsAre404AndTheApiKeyIsRequired() {
        assertThat(http().apiPost("/v1/webhook-deliveries/" + "0".repeat(32) + "/retry", "").statusCode()).isEqualTo(404);
        assertThat(http().api("/v1/rooms/nope/webhook-deliveries").statusCode()).isEqualTo(404);
        assertThat(http().apiPost("/v1/rooms/nope/webhook/test", "").statusCode()).isEqualTo(404);
        assertThat(http().get("/v1/rooms/nope/webhook-deliveries").statusCode()).isEqualTo(401);
        assertThat(http().postJson("/v1/webhook-deliveries/x/retry", "").statusCode()).isEqualTo(401);
    }

    @Test
    void theTestWebhookIsSentSignedAndItsAnswerReported() throws Exception {
        RoomWebhookReceiver.Endpoint receiver = RoomWebhookReceiver.INSTANCE.endpoint(SECRET).answering(200, 500);
        Room room = room(receiver, SECRET);

        JsonNode ok = JSON.readTree(http().apiPost("/v1/rooms/" + room.id() + "/webhook/test", "").body());
        JsonNode failed = JSON.readTree(http().apiPost("/v1/rooms/" + room.id() + "/webhook/test", "").body());

        assertThat(ok.path("success").asBoolean()).isTrue();
        assertThat(ok.path("status_code").asInt()).isEqualTo(200);
        assertThat(ok.path("message").asText()).isEqualTo("Webhook test successful");
        assertThat(failed.path("success").asBoolean()).isFalse();
        assertThat(failed.path("status_code").asInt()).isEqualTo(500);
        RoomWebhookReceiver.Request request = receiver.received().get(0);
        assertThat(request.signature()).isEqualTo(Signature.VALID);
        assertThat(request.header("X-Webhook-Event")).isEqualTo("test");
        assertThat(request.header("X-Webhook-Retry")).isNull();
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.path("timestamp").isTextual()).isTrue();
        assertThat(body.path("message").asText()).isEqualTo("This is a test webhook from Reflector");
        assertThat(body.path("room").path("id").asText()).isEqualTo(room.id());
    }

    private Room roomWithoutUrl() {
        return rooms.create("hooks-" + UUID.randomUUID().toString().substring(0, 8), Platform.DAILY, null, null,
                null);
    }

    private void hookUp(Room room, RoomWebhookReceiver.Endpoint receiver) {
        jdbc.sql("update room set webhook_url = :url, webhook_secret = :secret where id = :id")
                .param("url", receiver.url()).param("secret", SECRET).param("id", room.id()).update();
    }

    private Room room(RoomWebhookReceiver.Endpoint receiver, String secret) {
        return rooms.create("hooks-" + UUID.randomUUID().toString().substring(0, 8), Platform.DAILY, null,
                receiver.url(), secret);
    }

    /** Two speakers, words as the transcription stores them (spacing included). */
    private String endedTranscript(Room room) {
        TranscriptFixtures fixtures = new TranscriptFixtures(context);
        Meeting meeting = fixtures.meeting(room.id(), Platform.DAILY);
        String folder = "testdomain/" + meeting.roomName();
        RegisteredRecording recording = fixtures.recording(meeting, "reflector-dailyco-recordings", folder,
                List.of(folder + "/a"), List.of(folder + "/a"));
        recordings.participants(recording.transcriptId(), List.of(new Participant("p-0", 0, "Ann", null),
                new Participant("p-1", 1, "Bea", "user-1")));
        fixtures.ended(recording.transcriptId(), """
                [{"text":" Good","start":1.0,"end":1.5,"speaker":0},
                 {"text":" morning.","start":1.6,"end":2.5,"speaker":0},
                 {"text":" Hi!","start":2.75,"end":3.2,"speaker":1}]""");
        return recording.transcriptId();
    }

    private static List<RoomWebhookReceiver.Request> await(RoomWebhookReceiver.Endpoint receiver, int count) {
        return Eventually.await(LIMIT, () -> receiver.received().size() >= count ? receiver.received() : null,
                count + " webhook requests");
    }

    private JsonNode awaitStatus(Room room, String status) {
        return Eventually.await(LIMIT, () -> {
            JsonNode deliveries = deliveries(room);
            return deliveries.size() == 1 && deliveries.get(0).path("status").asText().equals(status)
                    ? deliveries.get(0) : null;
        }, "delivery " + status);
    }

    private JsonNode deliveries(Room room) {
        HttpResponse<String> response = http().api("/v1/rooms/" + room.id() + "/webhook-deliveries");
        assertThat(response.statusCode()).isEqualTo(200);
        try {
            return JSON.readTree(response.body()).path("items");
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private String transcriptStatus(String transcriptId) {
        return jdbc.sql("select status from transcript where id = :id").param("id", transcriptId)
                .query(String.class).single();
    }

    private static String eventId(RoomWebhookReceiver.Request request) {
        try {
            return JSON.readTree(request.body()).path("event_id").asText();
        } catch (Exception e) {
            throw new AssertionError(request.body(), e);
        }
    }
}
