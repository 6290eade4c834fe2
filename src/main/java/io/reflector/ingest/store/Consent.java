package io.reflector.ingest.store;

import java.time.Instant;

public record Consent(String id, String meetingId, String userId, boolean consentGiven, Instant consentTimestamp) {
}
