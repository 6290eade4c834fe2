package io.reflector.ingest.embedded;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Does for the embedded S3 what a bucket notification configuration does on AWS: every object created in the
 * watched bucket sends an S3 {@code ObjectCreated} event, in AWS's format (form-encoded key, sequencer), to a queue.
 */
final class ObjectCreatedNotifier extends ForwardingBlobStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bucket;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String region;
    private final AtomicLong sequencer = new AtomicLong(System.currentTimeMillis() * 1000);

    ObjectCreatedNotifier(BlobStore delegate, String bucket, SqsClient sqs, String queueUrl, String region) {
        super(delegate);
        this.bucket = bucket;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.region = region;
    }

    @Override
    public String putBlob(String container, Blob blob) {
        return putBlob(container, blob, PutOptions.NONE);
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String eTag = super.putBlob(container, blob, options);
        notifyCreated(container, blob.getMetadata().getName(), "ObjectCreated:Put", eTag);
        return eTag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String eTag = super.completeMultipartUpload(upload, parts);
        notifyCreated(upload.containerName(), upload.blobName(), "ObjectCreated:CompleteMultipartUpload", eTag);
        return eTag;
    }

    private void notifyCreated(String container, String key, String eventName, String eTag) {
        if (!bucket.equals(container)) {
            return;
        }
        Long size = delegate().blobMetadata(container, key).getSize();
        Map<String, Object> object = Map.of(
                "key", URLEncoder.encode(key, StandardCharsets.UTF_8),
                "size", size == null ? 0 : size,
                "eTag", eTag == null ? "" : eTag.replace("\"", ""),
                "sequencer", Long.toHexString(sequencer.incrementAndGet()).toUpperCase());
        Map<String, Object> record = Map.of(
                "eventVersion", "2.1",
                "eventSource", "aws:s3",
                "awsRegion", region,
                "eventTime", Instant.now().toString(),
                "eventName", eventName,
                "s3", Map.of("s3SchemaVersion", "1.0",
                        "bucket", Map.of("name", container, "arn", "arn:aws:s3:::" + container),
                        "object", object));
        try {
            String body = JSON.writeValueAsString(Map.of("Records", List.of(record)));
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the S3 event of " + key, e);
        }
    }
}
