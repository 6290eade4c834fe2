package io.reflector.ingest.daily;

import static io.reflector.ingest.webhook.JsonDescriptions.at;
import static io.reflector.ingest.webhook.JsonDescriptions.describe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.reflector.ingest.webhook.StorableText;

/**
 * The envelope every Daily webhook shares (spec 2.3).
 *
 * @param version informational schema version, null when Daily leaves it out: nothing depends on it, so its absence
 *                must not cost a delivery
 * @param eventTs epoch seconds when Daily sent the event; a double because Daily sometimes sends a fraction
 */
public record DailyEnvelope(String version, String type, String id, JsonNode payload, double eventTs) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * @throws InvalidDailyEventException naming the first problem found (not JSON, missing type, ...)
     */
    public static DailyEnvelope parse(byte[] body) {
        JsonNode root = readObject(body);
        return new DailyEnvelope(
                optionalText(root, "version"),
                requiredText(root, "type"),
                requiredText(root, "id"),
                requiredPayload(root),
                eventTs(root));
    }

    /** When Daily sent the event: the time of last resort for a payload that leaves its own times out. */
    public Instant sentAt() {
        return DailyPayloadFields.epochSeconds(eventTs);
    }

    /**
     * Daily's verification ping is exactly {@code {"test":"test"}} (whitespace aside). It has no side effects, so the
     * route may answer it before looking at signature headers (spec 2.5); anything with more fields is a real event.
     */
    public static boolean isTestPing(byte[] body) {
        if (body == null || significantBytes(body) != TEST_PING_BYTES) {
            return false; // every real event, unparsed: this check runs before the signature's, on every request
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return false;
        }
        return root != null && root.isObject() && root.size() == 1
                && root.path("test").isTextual() && "test".equals(root.get("test").textValue());
    }

    /** The length of {@code {"test":"test"}}: a body with any other number of non-whitespace bytes is no ping. */
    private static final int TEST_PING_BYTES = 15;

    private static int significantBytes(byte[] body) {
        int count = 0;
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                count++;
            }
        }
        return count;
    }

    private static JsonNode readObject(byte[] body) {
        if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidDailyEventException("Daily webhook body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidDailyEventException("Daily webhook body is not valid JSON" + at(e.getLocation()) + ": "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidDailyEventException("Daily webhook body could not be read: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new InvalidDailyEventException(
                    "Daily webhook body must be a JSON object, got " + describe(root));
        }
        StorableText.problemIn(root).ifPresent(problem -> {
            throw new InvalidDailyEventException("Daily webhook body cannot be stored: " + problem);
        });
        return root;
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidDailyEventException("Daily webhook envelope has no '" + field + "'");
        }
        if (!value.isTextual()) {
            throw new InvalidDailyEventException(
                    "Daily webhook envelope '" + field + "' must be a string, got " + describe(value));
        }
        if (value.textValue().isBlank()) {
            throw new InvalidDailyEventException("Daily webhook envelope '" + field + "' is blank");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidDailyEventException(
                    "Daily webhook envelope '" + field + "' must be a string, got " + describe(value));
        }
        return value.textValue();
    }

    private static JsonNode requiredPayload(JsonNode root) {
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            throw new InvalidDailyEventException("Daily webhook envelope has no 'payload'");
        }
        if (!payload.isObject()) {
            throw new InvalidDailyEventException(
                    "Daily webhook envelope 'payload' must be a JSON object, got " + describe(payload));
        }
        return payload;
    }

    private static double eventTs(JsonNode root) {
        JsonNode value = root.get("event_ts");
        if (value == null || value.isNull()) {
            throw new InvalidDailyEventException("Daily webhook envelope has no 'event_ts'");
        }
        if (!value.isNumber()) {
            throw new InvalidDailyEventException(
                    "Daily webhook envelope 'event_ts' must be a number of epoch seconds, got " + describe(value));
        }
        return value.doubleValue();
    }
}
