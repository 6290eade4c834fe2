package io.reflector.ingest.s3;

import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Listing and deleting objects with the master credentials (spec §1.2), any bucket. */
@Component
public class BucketObjects {
    private final S3Client s3;

    public BucketObjects(S3Client s3) {
        this.s3 = s3;
    }

    /** Every key under {@code prefix}, all pages. */
    public List<String> list(String bucket, String prefix) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key).toList();
    }

    /**
     * One page of keys after {@code startAfter} (from the first key when null), at most {@code maxKeys} of them.
     */
    public BucketPage page(String bucket, String startAfter, int maxKeys) {
        ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket).startAfter(startAfter).maxKeys(maxKeys));
        return new BucketPage(page.contents().stream()
                .map(object -> new BucketPage.ListedObject(object.key(), object.lastModified())).toList(),
                Boolean.TRUE.equals(page.isTruncated()));
    }

    /** Idempotent: S3 answers a delete of a missing key as a success. Stops at the first failure. */
    public void delete(String bucket, Collection<String> keys) {
        keys.forEach(key -> s3.deleteObject(b -> b.bucket(bucket).key(key)));
    }
}
