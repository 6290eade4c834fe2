package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

class DailyWebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsDailysWebhookObject() throws JsonProcessingException {
        DailyWebhook webhook = DailyWebhook.parse(JSON.readTree("""
                {"uuid": "6a0e9cb1-5b8c-4b0e-9a57-2c0f3f1d2a11", "url": "https://reflector.example/v1/daily/webhook",
                 "hmac": "c2VjcmV0", "basicAuth": null, "retryType": "circuit-breaker",
                 "eventTypes": ["recording.ready-to-download"], "state": "FAILED", "failedCount": 3,
                 "lastMomentPushed": "2026-01-15T12:00:00.000Z", "domainId": "0b5e6c47-3a5e-4bd4-8f44-9c1f0f6a9e21",
                 "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-15T12:00:00.000Z"}
                """));

        assertThat(webhook).isEqualTo(new DailyWebhook("6a0e9cb1-5b8c-4b0e-9a57-2c0f3f1d2a11",
                "https://reflector.example/v1/daily/webhook", "FAILED", 3));
        assertThat(webhook.isDelivering()).isFalse();
    }

    @Test
    void onlyAnActiveWebhookDelivers() {
        assertThat(new DailyWebhook("u", "url", "ACTIVE", 0).isDelivering()).isTrue();
        assertThat(new DailyWebhook("u", "url", "INACTIVE", 0).isDelivering()).isFalse();
        assertThat(new DailyWebhook("u", "url", null, null).isDelivering()).isFalse();
    }

    @Test
    void aMissingFailedCountReadsAsNull() throws JsonProcessingException {
        assertThat(DailyWebhook.parse(JSON.readTree("{\"uuid\": \"u\", \"state\": \"ACTIVE\"}")).failedCount()).isNull();
    }
}
