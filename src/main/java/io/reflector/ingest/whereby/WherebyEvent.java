package io.reflector.ingest.whereby;

import static io.reflector.ingest.webhook.JsonDescriptions.at;
import static io.reflector.ingest.webhook.JsonDescriptions.describe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.reflector.ingest.webhook.StorableText;

/**
 * A Whereby participant webhook event (spec 3.4): {@code {"apiVersion", "id", "createdAt", "type", "data"}}. Only
 * what the webhook acts on is read: {@code apiVersion} and {@code createdAt} are informational, so a change in them
 * must not cost a delivery.
 *
 * @param clientCount the meeting's client count carried by {@code room.client.joined} and {@code room.client.left};
 *                    null for every other type
 */
public record WherebyEvent(String id, String type, MeetingClientCount clientCount) {

    static final Set<String> CLIENT_COUNT_TYPES = Set.of("room.client.joined", "room.client.left");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /**
     * @throws InvalidWherebyEventException naming the first problem found (not JSON, missing id, ...)
     */
    public static WherebyEvent parse(byte[] body) {
        JsonNode root = readObject(body);
        String id = requiredText(root, "id", "");
        String type = requiredText(root, "type", "");
        JsonNode data = requiredObject(root, "data");
        return new WherebyEvent(id, type, CLIENT_COUNT_TYPES.contains(type) ? clientCount(data) : null);
    }

    private static MeetingClientCount clientCount(JsonNode data) {
        String meetingId = requiredText(data, "meetingId", "data.");
        JsonNode numClients = data.get("numClients");
        if (numClients == null || numClients.isNull()) {
            throw new InvalidWherebyEventException("Whereby event has no 'data.numClients'");
        }
        if (!numClients.isIntegralNumber() || !numClients.canConvertToInt() || numClients.intValue() < 0) {
            throw new InvalidWherebyEventException(
                    "Whereby event 'data.numClients' must be a whole number of clients, got " + describe(numClients));
        }
        return new MeetingClientCount(meetingId, numClients.intValue());
    }

    private static JsonNode readObject(byte[] body) {
        if (body == null || new String(body, StandardCharsets.UTF_8).isBlank()) {
            throw new InvalidWherebyEventException("Whereby webhook body is empty");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidWherebyEventException("Whereby webhook body is not valid JSON" + at(e.getLocation())
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidWherebyEventException("Whereby webhook body could not be read: " + e.getMessage(), e);
        }
        if (!root.isObject()) {
            throw new InvalidWherebyEventException("Whereby webhook body must be a JSON object, got " + describe(root));
        }
        StorableText.problemIn(root).ifPresent(problem -> {
            throw new InvalidWherebyEventException("Whereby webhook body cannot be stored: " + problem);
        });
        return root;
    }

    /** @param prefix where {@code node} sits in the body, so the message names the full path of the field */
    private static String requiredText(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        String name = "'" + prefix + field + "'";
        if (value == null || value.isNull()) {
            throw new InvalidWherebyEventException("Whereby event has no " + name);
        }
        if (!value.isTextual()) {
            throw new InvalidWherebyEventException("Whereby event " + name + " must be a string, got " + describe(value));
        }
        if (value.textValue().isBlank()) {
            throw new InvalidWherebyEventException("Whereby event " + name + " is blank");
        }
        return value.textValue();
    }

    private static JsonNode requiredObject(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidWherebyEventException("Whereby event has no '" + field + "'");
        }
        if (!value.isObject()) {
            throw new InvalidWherebyEventException(
                    "Whereby event '" + field + "' must be a JSON object, got " + describe(value));
        }
        return value;
    }
}
