package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.WherebyWebhooks;

class WherebyWebhookRouteTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"status\":\"ok\"}";

    @Autowired
    JdbcClient jdbc;

    private WherebyWebhooks whereby() {
        return new WherebyWebhooks(http());
    }

    @Test
    void joinedAndLeftEventsSetTheMeetingsClientCount() {
        String meetingId = createMeeting();
        String joinedId = UUID.randomUUID().toString();
        String leftId = UUID.randomUUID().toString();

        HttpResponse<String> joined = whereby().post(
                WherebyWebhooks.clientCountEvent(joinedId, "room.client.joined", meetingId, 2));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        assertThat(joined.body()).isEqualTo(OK);
        assertThat(numClients(meetingId)).isEqualTo(2);

        HttpResponse<String> left = whereby().post(
                WherebyWebhooks.clientCountEvent(leftId, "room.client.left", meetingId, 1));
        assertThat(left.statusCode()).as(left.body()).isEqualTo(200);
        assertThat(numClients(meetingId)).isEqualTo(1);
        assertThat(processed(joinedId)).isTrue();
        assertThat(processed(leftId)).isTrue();
    }

    @Test
    void theAnswerIsJsonAndDoesNotEchoTheRequestHeaders() {
        HttpResponse<String> response = whereby().post(
                WherebyWebhooks.event(UUID.randomUUID().toString(), "room.session.started", "{}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(response.headers().firstValue(WherebySignatureVerifier.SIGNATURE_HEADER)).isEmpty();
    }

    @Test
    void forgedOrUnsignedEventsAre401WithTheReason() {
        String meetingId = createMeeting();
        String body = WherebyWebhooks.clientCountEvent(UUID.randomUUID().toString(), "room.client.joined", meetingId, 4);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> unsigned = http().postJson(WherebyWebhooks.PATH, body);
        HttpResponse<String> wrongSecret = whereby().postWithSignature(
                WherebyWebhooks.signature("another-secret", now, body), body);
        HttpResponse<String> altered = whereby().postWithSignature(
                WherebyWebhooks.signature(WherebyWebhooks.DEV_SECRET, now, body), body.replace(":4}", ":5}"));
        HttpResponse<String> malformed = whereby().postWithSignature("v1=abc", body);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(message(unsigned)).contains("Missing Whereby-Signature header");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(message(wrongSecret)).contains("matches neither");
        assertThat(altered.statusCode()).isEqualTo(401);
        assertThat(malformed.statusCode()).isEqualTo(401);
        assertThat(message(malformed)).contains("malformed");
        assertThat(numClients(meetingId)).isZero();
    }

    @Test
    void timestampsMoreThanAMinuteOldOrAheadAre401() {
        String meetingId = createMeeting();
        String body = WherebyWebhooks.clientCountEvent(UUID.randomUUID().toString(), "room.client.joined", meetingId, 2);
        long now = Instant.now().getEpochSecond();

        HttpResponse<String> stale = whereby().postSignedAt(now - 300, body);
        HttpResponse<String> future = whereby().postSignedAt(now + 300, body);

        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(message(stale)).contains("old");
        assertThat(future.statusCode()).isEqualTo(401);
        assertThat(message(future)).contains("in the future");
        assertThat(numClients(meetingId)).isZero();
    }

    @Test
    void theBodyIsOnlyJudgedOnceTheSignatureHolds() {
        HttpResponse<String> response = http().postJson(WherebyWebhooks.PATH, "{\"type\": ");

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void wellSignedButMalformedBodiesAre400NamingTheProblem() {
        long before = wherebyInboxRows();

        HttpResponse<String> notJson = whereby().post("{\"type\": ");
        HttpResponse<String> noId = whereby().post("{\"type\":\"room.client.joined\",\"data\":{}}");
        HttpResponse<String> noData = whereby().post("{\"id\":\"e\",\"type\":\"room.client.joined\"}");
        HttpResponse<String> noCount = whereby().post(WherebyWebhooks.event("e", "room.client.left", "{\"meetingId\":\"m\"}"));

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(message(notJson)).contains("not valid JSON");
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(message(noId)).contains("'id'");
        assertThat(noData.statusCode()).isEqualTo(400);
        assertThat(message(noData)).contains("'data'");
        assertThat(noCount.statusCode()).isEqualTo(400);
        assertThat(message(noCount)).contains("'data.numClients'");
        assertThat(wherebyInboxRows()).isEqualTo(before);
    }

    @Test
    void aRepeatedEventIsAnsweredButProcessedOnce() {
        String meetingId = createMeeting();
        String eventId = UUID.randomUUID().toString();

        HttpResponse<String> first = whereby().post(
                WherebyWebhooks.clientCountEvent(eventId, "room.client.joined", meetingId, 3));
        HttpResponse<String> again = whereby().post(
                WherebyWebhooks.clientCountEvent(eventId, "room.client.joined", meetingId, 3));
        HttpResponse<String> sameIdOtherCount = whereby().post(
                WherebyWebhooks.clientCountEvent(eventId, "room.client.joined", meetingId, 7));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(OK);
        assertThat(sameIdOtherCount.statusCode()).isEqualTo(200);
        assertThat(numClients(meetingId)).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from inbox_event where provider = 'whereby' and event_id = :id")
                .param("id", eventId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select attempts from inbox_event where provider = 'whereby' and event_id = :id")
                .param("id", eventId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void anEventForAnUnknownMeetingIsStill200() {
        String eventId = UUID.randomUUID().toString();
        String unknownMeeting = UUID.randomUUID().toString();

        HttpResponse<String> response = whereby().post(
                WherebyWebhooks.clientCountEvent(eventId, "room.client.joined", unknownMeeting, 1));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(OK);
        assertThat(processed(eventId)).isTrue();
        assertThat(jdbc.sql("select count(*) from meeting where id = :id").param("id", unknownMeeting)
                .query(Long.class).single()).isZero();
    }

    @Test
    void otherEventTypesAreInboxedAndAnswered() {
        String eventId = UUID.randomUUID().toString();

        HttpResponse<String> response = whereby().post(
                WherebyWebhooks.event(eventId, "room.session.ended", "{\"roomName\":\"/standup\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(processed(eventId)).isTrue();
        assertThat(jdbc.sql("select event_type from inbox_event where provider = 'whereby' and event_id = :id")
                .param("id", eventId).query(String.class).single()).isEqualTo("room.session.ended");
    }

    @Test
    void aSignatureOverReflectorsCompactReSerialisationIsAccepted() throws Exception {
        String meetingId = createMeeting();
        String compact = WherebyWebhooks.clientCountEvent(UUID.randomUUID().toString(), "room.client.left", meetingId, 5);
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(compact));
        String signedOverCompact = WherebyWebhooks.signature(WherebyWebhooks.DEV_SECRET, Instant.now().getEpochSecond(),
                compact);

        HttpResponse<String> response = whereby().postWithSignature(signedOverCompact, pretty);

        assertThat(pretty).isNotEqualTo(compact);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(numClients(meetingId)).isEqualTo(5);
    }

    private String createMeeting() {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> created = http().apiPost("/v1/meetings", "{\"id\":\"" + id + "\",\"room_name\":\"/standup-"
                + id + "\",\"platform\":\"whereby\",\"start_date\":\"" + Instant.now() + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return id;
    }

    private int numClients(String meetingId) {
        return jdbc.sql("select num_clients from meeting where id = :id").param("id", meetingId)
                .query(Integer.class).single();
    }

    private boolean processed(String eventId) {
        return jdbc.sql("select processed_at is not null from inbox_event where provider = 'whereby' and event_id = :id")
                .param("id", eventId).query(Boolean.class).single();
    }

    private long wherebyInboxRows() {
        return jdbc.sql("select count(*) from inbox_event where provider = 'whereby'").query(Long.class).single();
    }

    private static String message(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("message").asText();
        } catch (Exception e) {
            throw new AssertionError("not a JSON error body: " + response.body(), e);
        }
    }
}
