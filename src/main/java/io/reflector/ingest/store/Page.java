package io.reflector.ingest.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, newest first, and the cursor of the next one (null on the last page). The cursor is opaque to
 * clients: the position (time, id) of the last row, so a page costs one index range whatever the list's length.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** Where a page starts: rows strictly before (at, id) in the list's order. */
    public record Cursor(Instant at, String id) {
        public static final Cursor START = new Cursor(null, null);

        /** @throws IllegalArgumentException when {@code text} is no cursor this service gave out */
        public static Cursor parse(String text) {
            if (text == null || text.isEmpty()) {
                return START;
            }
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
                int separator = decoded.indexOf('|');
                long micros = Long.parseLong(decoded.substring(0, separator));
                return new Cursor(Instant.EPOCH.plusNanos(Math.multiplyExact(micros, 1000L)), decoded.substring(separator + 1));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cursor: not a cursor from a previous page");
            }
        }

        String encode() {
            long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + "|" + id).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** @param rows up to {@code limit + 1} rows: one more than the page tells that another page follows */
    static <T> Page<T> of(List<T> rows, int limit, Function<T, Cursor> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), position.apply(items.get(limit - 1)).encode());
    }
}
