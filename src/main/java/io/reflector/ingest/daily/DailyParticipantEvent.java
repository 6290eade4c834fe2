package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.DailyPayloadFields.epochSeconds;
import static io.reflector.ingest.daily.DailyPayloadFields.number;
import static io.reflector.ingest.daily.DailyPayloadFields.text;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.reflector.ingest.store.ParticipantSessions;

/**
 * What a {@code participant.joined} or {@code participant.left} event says about one participant session (spec
 * §2.8); what the payload leaves out is null.
 *
 * @param roomName the full Daily room name
 * @param joinedAt from {@code joined_at}; for a join that leaves it out, when Daily sent the event
 * @param leftAt   null for a join; for a leave, {@code joined_at + duration} when Daily gives both, else when Daily
 *                 sent the event
 */
public record DailyParticipantEvent(String roomName, String sessionId, String userId, String userName,
                                    Instant joinedAt, Instant leftAt) {
    private static final String LEFT = "participant.left";

    public static DailyParticipantEvent parse(DailyEnvelope envelope) {
        JsonNode payload = envelope.payload();
        boolean left = LEFT.equals(envelope.type());
        Instant joinedAt = epochSeconds(payload, "joined_at");
        if (joinedAt == null && !left) {
            joinedAt = envelope.sentAt();
        }
        return new DailyParticipantEvent(DailyPayloadFields.roomName(payload), text(payload, "session_id"),
                text(payload, "user_id"), text(payload, "user_name"), joinedAt,
                left ? leftAt(payload, envelope) : null);
    }

    /** Without a room and a session there is no row to keep. */
    public boolean identifiesASession() {
        return roomName != null && sessionId != null;
    }

    public ParticipantSessions.Session session() {
        return new ParticipantSessions.Session(sessionId, userId, userName, joinedAt, leftAt);
    }

    private static Instant leftAt(JsonNode payload, DailyEnvelope envelope) {
        Double joinedAt = number(payload, "joined_at");
        Double duration = number(payload, "duration");
        return joinedAt != null && duration != null ? epochSeconds(joinedAt + duration) : envelope.sentAt();
    }
}
