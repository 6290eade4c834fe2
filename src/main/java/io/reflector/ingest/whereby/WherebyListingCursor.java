package io.reflector.ingest.whereby;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the listing of the Whereby bucket stands, kept in {@code poll_cursor} so a restart goes on from there.
 * <p>
 * S3 lists keys in lexicographic order, and a Whereby key starts with its room name, so a new recording can appear
 * before any key already listed: a cursor that only moves forward ("after the newest key") would miss it. The
 * listing is therefore a rolling scan of the whole bucket, a bounded number of pages per tick: {@code after} is the
 * last key of the pass under way, and the end of the bucket starts the next pass from the first key. Every object
 * is looked at once per pass, however its key sorts.
 *
 * @param since objects last written before this are not the listing's business (they predate it, as the Daily
 *              poller's first page does): set when the first pass starts, never moved
 * @param after the key the next page starts after; null at the start of a pass
 */
public record WherebyListingCursor(Instant since, String after) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The first pass ever: objects from {@code since} on. */
    public static WherebyListingCursor firstPass(Instant since) {
        return new WherebyListingCursor(since, null);
    }

    public WherebyListingCursor after(String key) {
        return new WherebyListingCursor(since, key);
    }

    public WherebyListingCursor nextPass() {
        return new WherebyListingCursor(since, null);
    }

    public boolean covers(Instant lastModified) {
        return !lastModified.isBefore(since);
    }

    /** @throws IllegalArgumentException for a position this class did not write */
    public static WherebyListingCursor parse(String position) {
        try {
            JsonNode node = JSON.readTree(position);
            JsonNode after = node.path("after");
            return new WherebyListingCursor(Instant.parse(node.path("since").asText()),
                    after.isTextual() ? after.textValue() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a Whereby listing cursor: " + position, e);
        }
    }

    public String position() {
        ObjectNode node = JSON.createObjectNode().put("since", since.toString());
        if (after != null) {
            node.put("after", after);
        }
        return node.toString();
    }
}
