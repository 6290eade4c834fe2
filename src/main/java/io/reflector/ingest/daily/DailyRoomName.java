package io.reflector.ingest.daily;

import java.util.regex.Pattern;

/**
 * Daily room names are {@code <reflector room name>-<YYYYMMDDHHMMSS>} (spec 4.1); the Reflector room is looked up by
 * the part before the suffix.
 */
public final class DailyRoomName {

    private static final Pattern CREATION_SUFFIX = Pattern.compile("-\\d{14}\\z");

    private DailyRoomName() {
    }

    /**
     * Strips only a trailing {@code -} + 14 digits (spec 4.2 Recommend). Reflector cut at the last {@code -}
     * whatever followed, which turned {@code team-2} into {@code team}; names without the suffix stay as they are.
     */
    public static String baseName(String dailyRoomName) {
        if (dailyRoomName == null || dailyRoomName.isBlank()) {
            throw new IllegalArgumentException("Daily room name is blank");
        }
        String base = CREATION_SUFFIX.matcher(dailyRoomName).replaceFirst("");
        return base.isEmpty() ? dailyRoomName : base;
    }
}
