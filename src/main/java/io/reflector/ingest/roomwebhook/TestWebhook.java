package io.reflector.ingest.roomwebhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.reflector.ingest.store.Room;

/**
 * Sends a room's test webhook right away and says how it went (spec §9.4 {@code POST /v1/rooms/{id}/webhook/test}):
 * signed like the real one, without {@code X-Webhook-Retry}, waiting at most 10 s, and never stored or retried.
 */
@Component
public class TestWebhook {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RoomWebhookPayload payload;
    private final RoomWebhookClient client;
    private final Clock clock;

    public TestWebhook(RoomWebhookPayload payload, RoomWebhookClient client, Clock clock) {
        this.payload = payload;
        this.client = client;
        this.clock = clock;
    }

    /** Reflector's answer: {@code success, status_code, message, response_preview}, or {@code success, error}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(boolean success, Integer statusCode, String message, String responsePreview, String error) {
        static Result error(String error) {
            return new Result(false, null, null, null, error);
        }
    }

    public Result send(Room room) {
        if (room.webhookUrl() == null || room.webhookUrl().isBlank()) {
            return Result.error("No webhook URL configured");
        }
        Instant sentAt = clock.instant();
        byte[] body = payload.test(UUID.randomUUID().toString().replace("-", ""), sentAt, room);
        AttemptResult result = client.post(RoomWebhookRequest.of(room.webhookUrl(), RoomWebhookPayload.TEST, body,
                null, room.webhookSecret(), sentAt, TIMEOUT));
        if (result instanceof AttemptResult.Answered answered) {
            return new Result(answered.isSuccess(), answered.statusCode(),
                    "Webhook test " + (answered.isSuccess() ? "successful" : "failed"),
                    answered.bodyPreview().isEmpty() ? null : answered.bodyPreview(), null);
        }
        return Result.error(((AttemptResult.NoAnswer) result).error());
    }
}
