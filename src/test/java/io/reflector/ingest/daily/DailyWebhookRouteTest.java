package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;

class DailyWebhookRouteTest extends EmbeddedDefaultTest {
    @Autowired
    JdbcClient jdbc;

    @Autowired
    CamelContext camel;

    private DailyWebhooks daily() {
        return new DailyWebhooks(http());
    }

    @Test
    void theTestPingIsAnsweredWithoutSignatureOrSideEffect() {
        long before = inboxRows();
        HttpResponse<String> response = http().postJson(DailyWebhooks.PATH, "{\"test\":\"test\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
        assertThat(inboxRows()).isEqualTo(before);
    }

    @Test
    void forgedOrUnsignedEventsAre401WithTheReason() {
        String body = DailyWebhooks.envelope(UUID.randomUUID().toString(), "participant.joined", "{\"room\":\"r\"}");

        HttpResponse<String> unsigned = http().postJson(DailyWebhooks.PATH, body);
        HttpResponse<String> wrongSecret = daily().postSignedWith("b3RoZXItc2VjcmV0LW90aGVyLXNlY3JldC0zMmJ5dGVz", body);
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        HttpResponse<String> altered = http().postJson(DailyWebhooks.PATH, body.replace("\"r\"", "\"x\""),
                DailySignatureVerifier.SIGNATURE_HEADER,
                DailySignatureVerifier.sign(DailyWebhooks.DEV_SECRET, timestamp, body.getBytes(StandardCharsets.UTF_8)),
                DailySignatureVerifier.TIMESTAMP_HEADER, timestamp);
        String stale = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        HttpResponse<String> replayed = http().postJson(DailyWebhooks.PATH, body,
                DailySignatureVerifier.SIGNATURE_HEADER,
                DailySignatureVerifier.sign(DailyWebhooks.DEV_SECRET, stale, body.getBytes(StandardCharsets.UTF_8)),
                DailySignatureVerifier.TIMESTAMP_HEADER, stale);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).contains("X-Webhook-Signature");
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(altered.statusCode()).isEqualTo(401);
        assertThat(replayed.statusCode()).isEqualTo(401);
        assertThat(replayed.body()).contains("old");
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    }

    @Test
    void wellSignedButMalformedBodiesAre400WithTheReason() {
        HttpResponse<String> notJson = daily().post("{\"type\": ");
        HttpResponse<String> noId = daily().post("{\"type\":\"recording.started\",\"payload\":{},\"event_ts\":1}");

        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("not valid JSON");
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(noId.body()).contains("'id'");
    }

    @Test
    void oversizedBodiesAre413() {
        String body = DailyWebhooks.envelope("big", "participant.joined", "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(daily().post(body).statusCode()).isEqualTo(413);
    }

    @Test
    void anEventIsInboxedOnceAndProcessedAsynchronously() {
        String id = "ptcpt-join-" + UUID.randomUUID();
        String body = DailyWebhooks.envelope(id, "some.future.event", "{\"room\":\"r\"}");

        assertThat(daily().post(body).statusCode()).isEqualTo(200);
        assertThat(daily().post(body).statusCode()).isEqualTo(200);

        assertThat(jdbc.sql("select count(*) from inbox_event where provider = 'daily' and event_id = :id")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        Eventually.await(Duration.ofSeconds(30), () -> jdbc.sql(
                        "select processed_at is not null from inbox_event where provider = 'daily' and event_id = :id")
                .param("id", id).query(Boolean.class).single(), "the event to be processed");
    }

    /** Ops stopped the intake: the platform is told to deliver again later, and is answered once it is restarted. */
    @Test
    void aStoppedWebhookRouteAnswers503WithRetryAfterUntilItIsStartedAgain() throws Exception {
        camel.getRouteController().stopRoute("daily-webhook");
        HttpResponse<String> stopped;
        try {
            stopped = http().postJson(DailyWebhooks.PATH, "{\"test\":\"test\"}");
        } finally {
            camel.getRouteController().startRoute("daily-webhook");
        }

        assertThat(stopped.statusCode()).isEqualTo(503);
        assertThat(stopped.headers().firstValue("Retry-After")).hasValue("60");
        assertThat(stopped.body()).contains("\"message\"");
        assertThat(http().postJson(DailyWebhooks.PATH, "{\"test\":\"test\"}").statusCode()).isEqualTo(200);
    }

    private long inboxRows() {
        return jdbc.sql("select count(*) from inbox_event").query(Long.class).single();
    }
}
