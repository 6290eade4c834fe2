package io.reflector.ingest.roomwebhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.reflector.ingest.store.Platform;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomWebhookOutbox.CompletedTranscript;

class RoomWebhookPayloadTest {
    private static final String EVENT_ID = "0123456789abcdef0123456789abcdef";
    private static final Instant SENT = Instant.parse("2026-03-02T10:00:00Z");
    private static final Room ROOM = new Room("r-1", "standup", Platform.DAILY, "owner", "https://hooks.example/in",
            "secret", SENT);
    private static final RoomWebhookPayload PAYLOAD = new RoomWebhookPayload("https://reflector.example/", "en");

    @Test
    void transcriptCompletedIsCompactJsonInReflectorsFieldOrder() {
        CompletedTranscript transcript = new CompletedTranscript("t-1", "r-1", 1, "ended",
                Instant.parse("2026-03-02T09:00:00.123456Z"), 15130.25,
                "[{\"text\":\" Hi\",\"start\":1.0,\"end\":1.5,\"speaker\":0,\"confidence\":0.9}]",
                "[{\"id\":\"p-0\",\"speaker\":0,\"name\":\"Zoë\",\"user_id\":\"u-0\"}]");

        String body = new String(PAYLOAD.completed(EVENT_ID, SENT, transcript, ROOM), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"event\":\"transcript.completed\",\"event_id\":\"" + EVENT_ID + "\","
                + "\"timestamp\":\"2026-03-02T10:00:00Z\",\"transcript\":{\"id\":\"t-1\",\"room_id\":\"r-1\","
                + "\"created_at\":\"2026-03-02T09:00:00.123456Z\",\"duration\":15130.25,\"title\":null,"
                + "\"short_summary\":null,\"long_summary\":null,"
                + "\"webvtt\":\"WEBVTT\\n\\n00:00:01.000 --> 00:00:01.500\\n<v Speaker0>Hi\\n\",\"topics\":[],"
                + "\"participants\":[{\"id\":\"p-0\",\"name\":\"Zoë\",\"speaker\":0}],\"source_language\":\"en\","
                + "\"target_language\":\"en\",\"status\":\"ended\","
                + "\"frontend_url\":\"https://reflector.example/transcripts/t-1\",\"action_items\":null},"
                + "\"room\":{\"id\":\"r-1\",\"name\":\"standup\"},\"calendar_event\":null}");
    }

    @Test
    void durationIsAlwaysAPlainFloatOfMilliseconds() {
        assertThat(body(15130.0)).contains("\"duration\":15130.0,");
        assertThat(body(0.5)).contains("\"duration\":0.5,");
        assertThat(body(1.08e7)).contains("\"duration\":10800000.0,");
        assertThat(body(null)).contains("\"duration\":null,");
    }

    @Test
    void theTestEventHasAStringTimestamp() {
        String body = new String(PAYLOAD.test(EVENT_ID, SENT, ROOM), StandardCharsets.UTF_8);

        assertThat(body).isEqualTo("{\"event\":\"test\",\"event_id\":\"" + EVENT_ID + "\","
                + "\"timestamp\":\"2026-03-02T10:00:00Z\",\"message\":\"This is a test webhook from Reflector\","
                + "\"room\":{\"id\":\"r-1\",\"name\":\"standup\"}}");
    }

    private static String body(Double durationMs) {
        CompletedTranscript transcript = new CompletedTranscript("t-1", "r-1", 1, "ended", SENT, durationMs, "[]", "[]");
        return new String(PAYLOAD.completed(EVENT_ID, SENT, transcript, ROOM), StandardCharsets.UTF_8);
    }
}
