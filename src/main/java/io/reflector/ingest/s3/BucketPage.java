package io.reflector.ingest.s3;

import java.time.Instant;
import java.util.List;

/**
 * One page of a bucket listing, in S3's order (lexicographic by key).
 *
 * @param objects   the objects of the page
 * @param truncated true when more keys follow the last one of this page
 */
public record BucketPage(List<ListedObject> objects, boolean truncated) {

    /** @param lastModified when the object was last written, as S3 reports it */
    public record ListedObject(String key, Instant lastModified) {
    }

    public BucketPage {
        objects = List.copyOf(objects);
    }

    /** @return the key to start the next page after; null for an empty page */
    public String lastKey() {
        return objects.isEmpty() ? null : objects.get(objects.size() - 1).key();
    }
}
