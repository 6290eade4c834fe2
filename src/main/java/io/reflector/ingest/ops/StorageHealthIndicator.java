package io.reflector.ingest.ops;

import java.util.List;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import software.amazon.awssdk.services.s3.S3Client;

/** UP when every bucket the application reads or writes answers HeadBucket. */
@Component("s3")
class StorageHealthIndicator extends AbstractHealthIndicator {
    private final S3Client s3;
    private final List<String> buckets;

    StorageHealthIndicator(S3Client s3, ReflectorProperties properties) {
        super("S3 health check failed");
        this.s3 = s3;
        this.buckets = List.of(properties.storage().transcriptBucket(), properties.storage().wherebyBucket(),
                properties.storage().dailyBucket());
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        buckets.forEach(bucket -> s3.headBucket(b -> b.bucket(bucket)));
        builder.up().withDetail("buckets", buckets);
    }
}
