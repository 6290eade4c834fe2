package io.reflector.ingest.daily;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One raw-tracks object key written by Daily (spec 4.4):
 * {@code <domain>/<room name>/<recording_start_ms>-<participant uuid>-<kind>-<track_start_ms>}.
 *
 * @param key              the key as given
 * @param roomName         the folder holding the file: the full Daily room name, timestamp suffix included
 * @param fileName         the last path segment, as given
 * @param recordingStartMs epoch ms when the recording started; the same for every track of one recording
 * @param participantId    Daily's participant (session) UUID
 * @param trackStartMs     epoch ms when this track started
 */
public record DailyTrackKey(String key, String roomName, String fileName, long recordingStartMs,
                            String participantId, Kind kind, long trackStartMs) {

    public enum Kind {
        CAM_AUDIO("cam-audio"),
        CAM_VIDEO("cam-video"),
        SCREEN_AUDIO("screen-audio"),
        SCREEN_VIDEO("screen-video");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** As written in the key, e.g. {@code cam-audio}. */
        public String label() {
            return label;
        }

        static Kind fromLabel(String label) {
            return Arrays.stream(values()).filter(kind -> kind.label.equals(label)).findFirst().orElseThrow();
        }
    }

    private static final String LAYOUT =
            "<domain>/<room name>/<recording_start_ms>-<participant uuid>-<kind>-<track_start_ms>";

    private static final String HEX = "[0-9a-fA-F]";

    // Daily writes no extension; ".webm" is tolerated because downloaded copies carry one (from the MIME type).
    private static final Pattern FILE_NAME = Pattern.compile(
            "(\\d{13,})-(" + HEX + "{8}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{4}-" + HEX + "{12})"
                    + "-(cam-audio|cam-video|screen-audio|screen-video)-(\\d{13,})(?:\\.webm)?");

    /**
     * @throws IllegalArgumentException naming the key and the expected layout
     */
    public static DailyTrackKey parse(String key) {
        return tryParse(key).orElseThrow(() -> new IllegalArgumentException(
                "Daily track key '" + key + "' does not match " + LAYOUT
                        + " (kind one of cam-audio, cam-video, screen-audio, screen-video; 13+ digit ms timestamps)"));
    }

    /** Empty when the key is not in Daily's raw-tracks layout. */
    public static Optional<DailyTrackKey> tryParse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int fileStart = key.lastIndexOf('/') + 1;
        int folderStart = key.lastIndexOf('/', fileStart - 2) + 1;
        if (fileStart == 0 || folderStart >= fileStart - 1) {
            return Optional.empty();
        }
        String fileName = key.substring(fileStart);
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DailyTrackKey(key, key.substring(folderStart, fileStart - 1), fileName,
                    Long.parseLong(matcher.group(1)), matcher.group(2), Kind.fromLabel(matcher.group(3)),
                    Long.parseLong(matcher.group(4))));
        } catch (NumberFormatException timestampBeyondLongRange) {
            return Optional.empty();
        }
    }
}
