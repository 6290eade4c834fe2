package io.reflector.ingest.daily;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Parsed Daily envelopes around a payload, all sent at {@link #SENT_AT}. */
final class TestEnvelopes {
    static final Instant SENT_AT = Instant.parse("2024-02-26T18:31:30.250Z");

    private TestEnvelopes() {
    }

    static DailyEnvelope sent(String type, String payload) {
        return DailyEnvelope.parse(("{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"e\",\"payload\":"
                + payload + ",\"event_ts\":1708972290.25}").getBytes(StandardCharsets.UTF_8));
    }
}
