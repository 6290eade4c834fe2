package io.reflector.ingest.whereby;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object key of a Whereby cloud recording (spec 3.2): {@code <room name>-<uuid>-<YYYY-MM-DDTHH:MM:SSZ>.mp4}, where
 * {@code <room name>-<uuid>} is Whereby's room name without its leading slash.
 *
 * @param key          the decoded object key as given
 * @param roomNamePart Whereby's room name without the leading {@code /}
 * @param recordedAt   the timestamp in the key (UTC)
 */
public record WherebyRecordingKey(String key, String roomNamePart, Instant recordedAt) {

    // ASCII digits only: Python's \d also matched other scripts' digits, which Instant cannot parse anyway.
    private static final Pattern ISO_TIMESTAMP =
            Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");

    /**
     * @throws IllegalArgumentException naming the key and what is missing in it
     */
    public static WherebyRecordingKey parse(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Whereby recording key is blank");
        }
        int extension = key.lastIndexOf('.');
        String name = extension < 0 ? key : key.substring(0, extension);
        Matcher timestamp = ISO_TIMESTAMP.matcher(name);
        if (!timestamp.find()) {
            throw new IllegalArgumentException("No ISO timestamp (YYYY-MM-DDTHH:MM:SSZ) found in key '" + key + "'");
        }
        String beforeTimestamp = name.substring(0, timestamp.start());
        if (!beforeTimestamp.endsWith("-")) {
            throw new IllegalArgumentException(
                    "Timestamp in key '" + key + "' is not preceded by '-' after the room name");
        }
        String roomNamePart = beforeTimestamp.substring(0, beforeTimestamp.length() - 1);
        if (roomNamePart.isEmpty()) {
            throw new IllegalArgumentException("Key '" + key + "' has no room name before its timestamp");
        }
        try {
            return new WherebyRecordingKey(key, roomNamePart, Instant.parse(timestamp.group()));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "Timestamp '" + timestamp.group() + "' in key '" + key + "' is not a valid date-time", e);
        }
    }

    /** Whereby's room name as stored in {@code meeting.room_name}: the meeting lookup key. */
    public String meetingRoomName() {
        return "/" + roomNamePart;
    }
}
