package io.reflector.ingest.daily;

/** A participant of a Daily meeting session as the REST API lists it; name and user id may be null. */
public record DailyParticipant(String participantId, String userName, String userId) {
}
