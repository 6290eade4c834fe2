package io.reflector.ingest.store;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One attempt to deliver a room webhook.
 *
 * @param attempt    0 for the first; the {@code X-Webhook-Retry} header it was sent with
 * @param statusCode the receiver's answer; null when there was none (timeout, connection error)
 * @param error      why it did not count as delivered; null when it did
 */
public record WebhookAttempt(int attempt, Instant attemptedAt, Integer statusCode, String error, Outcome outcome) {

    public enum Outcome {
        DELIVERED("delivered"), RETRY("pending"), GIVEN_UP("given_up");

        private final String deliveryStatus;

        Outcome(String deliveryStatus) {
            this.deliveryStatus = deliveryStatus;
        }

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Outcome of(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }

        /** The status of the delivery after an attempt with this outcome. */
        String deliveryStatus() {
            return deliveryStatus;
        }
    }
}
