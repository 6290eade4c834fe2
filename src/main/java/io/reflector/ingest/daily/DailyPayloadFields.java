package io.reflector.ingest.daily;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient readers of Daily payload fields: a field that is absent, blank or of another type reads as null, so a
 * payload that lacks something can still be worked with what it has.
 */
final class DailyPayloadFields {

    private DailyPayloadFields() {
    }

    static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isTextual() && !value.textValue().isBlank() ? value.textValue() : null;
    }

    static Double number(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }

    /** Participant events name the room {@code room}, recording events {@code room_name} (spec §2.6). */
    static String roomName(JsonNode payload) {
        String roomName = text(payload, "room_name");
        return roomName != null ? roomName : text(payload, "room");
    }

    static Instant epochSeconds(JsonNode payload, String field) {
        Double seconds = number(payload, field);
        return seconds == null ? null : epochSeconds(seconds);
    }

    /** To the microsecond, PostgreSQL's precision: Daily sends fractions such as {@code 1708972279.961}. */
    static Instant epochSeconds(double seconds) {
        return Instant.EPOCH.plus(Math.round(seconds * 1_000_000), ChronoUnit.MICROS);
    }
}
