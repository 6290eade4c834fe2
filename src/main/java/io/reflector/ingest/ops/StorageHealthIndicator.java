package io.reflector.ingest.ops;

import java.time.Clock;
import java.util.List;

import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import software.amazon.awssdk.services.s3.S3Client;

/** UP when every bucket the application reads or writes answers HeadBucket; asked once per health-check interval. */
@Component("s3")
class StorageHealthIndicator extends CachedHealthIndicator {
    private final S3Client s3;
    private final List<String> buckets;

    StorageHealthIndicator(S3Client s3, ReflectorProperties properties, Clock clock) {
        super(clock, properties.ops().healthCheckInterval());
        this.s3 = s3;
        this.buckets = List.of(properties.storage().transcriptBucket(), properties.storage().wherebyBucket(),
                properties.storage().dailyBucket());
    }

    @Override
    protected void check(Health.Builder builder) {
        buckets.forEach(bucket -> s3.headBucket(b -> b.bucket(bucket)));
        builder.up().withDetail("buckets", String.join(", ", buckets));
    }
}
