package io.reflector.ingest.store;

import java.time.Instant;
import java.util.List;

/**
 * A transcript.completed webhook of a room, as the outbox keeps it.
 *
 * @param status        {@code pending}, {@code delivered} or {@code given_up}; a given-up delivery can be replayed
 * @param givenUpReason why a given-up delivery was given up (its last answer, or why it was not sent); null otherwise
 * @param nextAttemptAt when a pending delivery is tried next; null otherwise
 * @param retryingSince the completion, or the last manual replay: retries stop a configured time after it
 */
public record WebhookDelivery(String eventId, String transcriptId, String roomId, String status,
                              String givenUpReason, Instant nextAttemptAt, Instant retryingSince, Instant createdAt, Instant updatedAt,
                              List<WebhookAttempt> attempts) {
}
