package io.reflector.ingest.roomwebhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Room;
import io.reflector.ingest.store.RoomRepository;
import io.reflector.ingest.store.RoomWebhookOutbox;
import io.reflector.ingest.store.RoomWebhookOutbox.CompletedTranscript;
import io.reflector.ingest.store.RoomWebhookOutbox.DueDelivery;
import io.reflector.ingest.store.WebhookAttempt;

/** The steps of the room-webhook-delivery route: claim what is due, build each request, record each attempt. */
@Component
public class RoomWebhookDelivery {
    public static final String DELIVERY = "delivery";
    /** Deliveries claimed per tick; they are sent all at once, each on its own thread, so each within its lease. */
    public static final int BATCH = 20;
    private static final Logger log = LoggerFactory.getLogger(RoomWebhookDelivery.class);

    private final RoomWebhookOutbox outbox;
    private final RoomRepository rooms;
    private final RoomWebhookPayload payload;
    private final RetryPolicy retryPolicy;
    private final Duration timeout;
    private final Clock clock;

    public RoomWebhookDelivery(RoomWebhookOutbox outbox, RoomRepository rooms, RoomWebhookPayload payload,
                               RetryPolicy retryPolicy, ReflectorProperties properties, Clock clock) {
        this.outbox = outbox;
        this.rooms = rooms;
        this.payload = payload;
        this.retryPolicy = retryPolicy;
        this.timeout = properties.roomWebhook().timeout();
        this.clock = clock;
    }

    /**
     * Claims the due deliveries for twice the request timeout: long enough for the attempt to be recorded, short
     * enough that a crash mid-attempt only delays the delivery.
     */
    public List<DueDelivery> due() {
        Instant now = clock.instant();
        return outbox.claimDue(now, now.plus(timeout.multipliedBy(2)), BATCH);
    }

    /**
     * The transcript.completed POST as it stands now: this attempt's timestamp and signature, the same event id. Null
     * when it is not to be sent, the delivery then given up with the reason: its room or transcript is gone, the
     * transcript was reprocessed since (its data would go out under this run's event id) or is not ended, or the
     * payload cannot be made of it.
     */
    public RoomWebhookRequest request(@Body DueDelivery delivery) {
        Optional<CompletedTranscript> transcript = outbox.transcript(delivery.transcriptId());
        Optional<Room> room = rooms.findById(delivery.roomId());
        String notSent = transcript.isEmpty() ? "transcript " + delivery.transcriptId() + " is gone"
                : room.isEmpty() ? "room " + delivery.roomId() + " is gone"
                : superseded(delivery, transcript.get());
        if (notSent == null) {
            Instant sentAt = clock.instant();
            try {
                byte[] body = payload.completed(delivery.eventId(), sentAt, transcript.get(), room.get());
                return RoomWebhookRequest.of(room.get().webhookUrl(), RoomWebhookPayload.COMPLETED, body,
                        delivery.previousAttempts(), room.get().webhookSecret(), sentAt, timeout);
            } catch (IllegalStateException e) {
                notSent = "no payload: " + e.getMessage();
            }
        }
        if (outbox.givenUp(delivery.eventId(), delivery.claimToken(), notSent)) {
            log.error("Room webhook {} of transcript {} given up without sending: {}", delivery.eventId(),
                    delivery.transcriptId(), notSent);
        }
        return null;
    }

    private static String superseded(DueDelivery delivery, CompletedTranscript transcript) {
        if (transcript.run() != delivery.run()) {
            return "superseded: the transcript was reprocessed (run " + delivery.run() + " is now run "
                    + transcript.run() + ")";
        }
        return "ended".equals(transcript.status()) ? null
                : "superseded: the transcript is " + transcript.status() + " now";
    }

    public void record(@ExchangeProperty(DELIVERY) DueDelivery delivery, @Body AttemptResult result) {
        Instant now = clock.instant();
        RetryPolicy.Decision decision = retryPolicy.decide(result, delivery.attemptsInWindow() + 1,
                delivery.retryingSince(), now);
        Integer statusCode = result instanceof AttemptResult.Answered answered ? answered.statusCode() : null;
        if (!outbox.attempted(delivery.eventId(), delivery.claimToken(), new WebhookAttempt(
                delivery.previousAttempts(), now, statusCode, decision.error(), decision.outcome()),
                decision.nextAttemptAt())) {
            log.warn("Room webhook {} of transcript {} was sent (attempt {}) after its claim was overtaken by a "
                            + "replay or another instance; its outcome is not recorded: {}", delivery.eventId(),
                    delivery.transcriptId(), delivery.previousAttempts(),
                    decision.error() == null ? "delivered" : decision.error());
            return;
        }
        switch (decision.outcome()) {
            case DELIVERED -> log.info("Room webhook {} of transcript {} delivered (attempt {})", delivery.eventId(),
                    delivery.transcriptId(), delivery.previousAttempts());
            case RETRY -> log.warn("Room webhook {} of transcript {} failed (attempt {}), retried at {}: {}",
                    delivery.eventId(), delivery.transcriptId(), delivery.previousAttempts(),
                    decision.nextAttemptAt(), decision.error());
            case GIVEN_UP -> log.error("Room webhook {} of transcript {} given up (attempt {}): {}; "
                            + "POST /v1/webhook-deliveries/{}/retry sends it again", delivery.eventId(),
                    delivery.transcriptId(), delivery.previousAttempts(), decision.error(), delivery.eventId());
        }
    }
}
