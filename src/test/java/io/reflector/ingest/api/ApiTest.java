package io.reflector.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Http;

class ApiTest extends EmbeddedDefaultTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theApiKeyIsRequired() throws Exception {
        HttpResponse<String> none = http().get("/v1/rooms");
        HttpResponse<String> wrong = http().get("/v1/rooms", "Authorization", "Bearer not-the-key");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(none.body()).path("message").asText()).contains("API key");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(http().api("/v1/rooms").statusCode()).isEqualTo(200);
    }

    @Test
    void roomsAreCreatedListedAndUniqueByName() throws Exception {
        String name = "standup-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http().apiPost("/v1/rooms",
                "{\"name\":\"" + name + "\",\"platform\":\"daily\",\"webhook_url\":\"https://example.test/hook\",\"webhook_secret\":\"s\"}");

        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode room = JSON.readTree(created.body());
        assertThat(room.path("name").asText()).isEqualTo(name);
        assertThat(room.path("platform").asText()).isEqualTo("daily");
        assertThat(room.path("has_webhook_secret").asBoolean()).isTrue();
        assertThat(room.has("webhook_secret")).isFalse();
        assertThat(http().api("/v1/rooms").body()).contains(name);
        assertThat(http().apiPost("/v1/rooms", "{\"name\":\"" + name + "\",\"platform\":\"daily\"}").statusCode())
                .isEqualTo(409);
    }

    @Test
    void badBodiesAre400NamingTheField() throws Exception {
        assertThat(message(http().apiPost("/v1/rooms", "{\"platform\":\"daily\"}"))).startsWith("name:");
        assertThat(message(http().apiPost("/v1/rooms", "{\"name\":\"x\",\"platform\":\"zoom\"}"))).startsWith("platform:");
        assertThat(message(http().apiPost("/v1/rooms", "{not json"))).contains("not valid JSON");
        assertThat(message(http().apiPost("/v1/meetings",
                "{\"id\":\"m\",\"room_name\":\"r\",\"platform\":\"daily\",\"start_date\":\"yesterday\"}")))
                .startsWith("start_date:");
    }

    @Test
    void meetingsTakeConsentAndUnknownIdsAre404() throws Exception {
        String meetingId = UUID.randomUUID().toString();
        HttpResponse<String> meeting = http().apiPost("/v1/meetings", "{\"id\":\"" + meetingId
                + "\",\"room_name\":\"standup-20260115120000\",\"platform\":\"daily\",\"start_date\":\"2026-01-15T12:00:00Z\"}");
        assertThat(meeting.statusCode()).isEqualTo(201);
        assertThat(http().api("/v1/meetings").body()).contains(meetingId);

        HttpResponse<String> consent = http().apiPost("/v1/meetings/" + meetingId + "/consent", "{\"consent_given\":false}");
        assertThat(consent.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(consent.body()).path("consent_given").asBoolean()).isFalse();

        assertThat(http().apiPost("/v1/meetings/nope/consent", "{\"consent_given\":true}").statusCode()).isEqualTo(404);
        assertThat(message(http().api("/v1/transcripts/nope"))).isEqualTo("transcript nope not found");
        assertThat(http().api("/v1/recordings/nope").statusCode()).isEqualTo(404);
    }

    @Test
    void transcriptsAreListedByStatus() throws Exception {
        assertThat(http().api("/v1/transcripts?status=error").statusCode()).isEqualTo(200);
        assertThat(message(http().api("/v1/transcripts?status=finished"))).startsWith("status:");
    }

    private static String message(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
        return JSON.readTree(response.body()).path("message").asText();
    }
}
