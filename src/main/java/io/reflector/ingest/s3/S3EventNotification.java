package io.reflector.ingest.s3;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The S3 event notification carried by one SQS message, sent directly by S3 or wrapped by SNS
 * ({@code {"Type":"Notification","Message":"<json>"}}).
 *
 * <p>Records are independent: one that cannot be read is reported in {@link #problems()} and the others are still
 * returned, so a single bad record never holds back the recordings of its siblings.
 *
 * @param testEvent      true for the {@code s3:TestEvent} S3 sends when notifications are configured; it has no records
 * @param objectsCreated the {@code ObjectCreated:*} records, in message order
 * @param problems       records that could not be read, with their index in {@code Records}
 * @param ignoredRecords records of other event types (deletions, restores, ...), which are not ours to act on
 */
public record S3EventNotification(boolean testEvent, List<ObjectCreated> objectsCreated,
                                  List<RecordProblem> problems, int ignoredRecords) {

    /**
     * @param key       the object key decoded with form semantics: S3 writes a space as {@code +} and a literal
     *                  {@code +} as {@code %2B}, which Reflector's {@code unquote} got wrong for spaces
     * @param size      absent when the notification leaves it out (hand-written test notifications do)
     * @param sequencer orders events for the same key; absent when the notification leaves it out
     * @param eventTime absent when the notification leaves it out
     */
    public record ObjectCreated(String bucket, String key, OptionalLong size, Optional<String> sequencer,
                                String eventName, Optional<Instant> eventTime) {
    }

    /**
     * @param index  position in the {@code Records} array, so the record can be found in the logged body
     * @param record the record as compact JSON with every non-ASCII character escaped, so it can be stored as it is
     */
    public record RecordProblem(int index, String message, String record) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter ASCII_JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build().writer();

    private static final String OBJECT_CREATED = "ObjectCreated:";

    public S3EventNotification {
        objectsCreated = List.copyOf(objectsCreated);
        problems = List.copyOf(problems);
    }

    /**
     * @param sqsBody the SQS message body
     * @throws MalformedS3EventException when the body as a whole is not an S3 event notification
     */
    public static S3EventNotification parse(String sqsBody) {
        JsonNode notification = unwrapSns(readJson(sqsBody, "SQS message body"));
        if ("s3:TestEvent".equals(notification.path("Event").textValue())) {
            return new S3EventNotification(true, List.of(), List.of(), 0);
        }
        JsonNode records = notification.get("Records");
        if (records == null) {
            throw new MalformedS3EventException("S3 event notification has no 'Records' array and is not an "
                    + "s3:TestEvent; top-level fields: " + fieldNames(notification));
        }
        if (!records.isArray()) {
            throw new MalformedS3EventException("S3 event notification 'Records' must be an array, got " + kind(records));
        }
        List<ObjectCreated> objectsCreated = new ArrayList<>();
        List<RecordProblem> problems = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < records.size(); i++) {
            try {
                Optional<ObjectCreated> created = objectCreated(records.get(i));
                if (created.isPresent()) {
                    objectsCreated.add(created.get());
                } else {
                    ignored++;
                }
            } catch (IllegalArgumentException e) {
                problems.add(new RecordProblem(i, "Records[" + i + "]: " + e.getMessage(), asciiJson(records.get(i))));
            }
        }
        return new S3EventNotification(false, objectsCreated, problems, ignored);
    }

    private static JsonNode unwrapSns(JsonNode body) {
        JsonNode type = body.get("Type");
        if (type == null) {
            return body;
        }
        if (!"Notification".equals(type.textValue())) {
            throw new MalformedS3EventException(
                    "SNS message of Type " + type + " is not a Notification; only notifications carry S3 events");
        }
        JsonNode message = body.get("Message");
        if (message == null || !message.isTextual()) {
            throw new MalformedS3EventException("SNS Notification has no string 'Message' holding the S3 event");
        }
        return readJson(message.textValue(), "SNS Notification 'Message'");
    }

    private static JsonNode readJson(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new MalformedS3EventException(what + " is empty");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedS3EventException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.isObject()) {
            throw new MalformedS3EventException(what + " must be a JSON object, got " + kind(node));
        }
        return node;
    }

    /** Empty for records that are not ObjectCreated; IllegalArgumentException for records that cannot be read. */
    private static Optional<ObjectCreated> objectCreated(JsonNode record) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("record must be an object, got " + kind(record));
        }
        String eventName = requiredText(record, "eventName");
        if (!eventName.startsWith(OBJECT_CREATED)) {
            return Optional.empty();
        }
        JsonNode s3 = record.path("s3");
        String bucket = requiredText(s3.path("bucket"), "s3.bucket.name", "name");
        JsonNode object = s3.path("object");
        String encodedKey = requiredText(object, "s3.object.key", "key");
        return Optional.of(new ObjectCreated(bucket, formDecode(encodedKey), size(object), sequencer(object),
                eventName, eventTime(record)));
    }

    private static String formDecode(String encodedKey) {
        try {
            return URLDecoder.decode(encodedKey, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "s3.object.key '" + encodedKey + "' is not valid URL encoding: " + e.getMessage(), e);
        }
    }

    private static OptionalLong size(JsonNode object) {
        JsonNode size = object.get("size");
        if (size == null || size.isNull()) {
            return OptionalLong.empty();
        }
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw new IllegalArgumentException("s3.object.size must be a non-negative whole number, got " + size);
        }
        return OptionalLong.of(size.longValue());
    }

    private static Optional<String> sequencer(JsonNode object) {
        JsonNode sequencer = object.get("sequencer");
        if (sequencer == null || sequencer.isNull()) {
            return Optional.empty();
        }
        if (!sequencer.isTextual()) {
            throw new IllegalArgumentException("s3.object.sequencer must be a string, got " + sequencer);
        }
        return Optional.of(sequencer.textValue());
    }

    private static Optional<Instant> eventTime(JsonNode record) {
        JsonNode eventTime = record.get("eventTime");
        if (eventTime == null || eventTime.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(eventTime.asText()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("eventTime " + eventTime + " is not an ISO-8601 instant", e);
        }
    }

    private static String requiredText(JsonNode parent, String field) {
        return requiredText(parent, field, field);
    }

    private static String requiredText(JsonNode parent, String path, String field) {
        JsonNode value = parent.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(path + " is missing");
        }
        if (!value.isTextual() || value.textValue().isEmpty()) {
            throw new IllegalArgumentException(path + " must be a non-empty string, got " + value);
        }
        return value.textValue();
    }

    private static String asciiJson(JsonNode node) {
        try {
            return ASCII_JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree could not be written back", e);
        }
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
