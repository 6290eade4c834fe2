package io.reflector.ingest.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The servers of the embedded default, started before the application context and stopped after it. Objects
 * created in the Whereby bucket are announced on the recordings queue, as S3 bucket notifications do on AWS.
 */
public final class EmbeddedServices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

    private final Path dataDir;
    private final boolean temporaryDataDir;
    private final List<String> buckets;
    private final EmbeddedPostgresServer postgres;
    private final EmbeddedS3Server s3;
    private final EmbeddedSqsServer sqs;

    private EmbeddedServices(Path dataDir, boolean temporaryDataDir, List<String> buckets,
                             EmbeddedPostgresServer postgres, EmbeddedS3Server s3, EmbeddedSqsServer sqs) {
        this.dataDir = dataDir;
        this.temporaryDataDir = temporaryDataDir;
        this.buckets = buckets;
        this.postgres = postgres;
        this.s3 = s3;
        this.sqs = sqs;
    }

    static EmbeddedServices start(EmbeddedSettings settings, Path dataDir, String region, String accessKey,
                                  String secretKey, List<String> buckets, String notifiedBucket) {
        long started = System.nanoTime();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDir, settings.host(), settings.postgresPort());
        EmbeddedSqsServer sqs = null;
        try {
            sqs = EmbeddedSqsServer.start(settings.host(), settings.sqsPort(), region, accessKey, secretKey,
                    settings.queues(), settings.maxReceiveCount(), settings.visibilityTimeoutSeconds());
            EmbeddedSqsServer queues = sqs;
            String notificationQueue = sqs.queueUrls().get(settings.notificationQueue());
            EmbeddedS3Server s3 = EmbeddedS3Server.start(dataDir, settings.host(), settings.s3Port(), accessKey,
                    secretKey, buckets, store -> new ObjectCreatedNotifier(store, notifiedBucket, queues.client(),
                            notificationQueue, region));
            log.info("Embedded PostgreSQL, S3 and SQS started in {} ms", (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedServices(dataDir, settings.temporaryDataDir(), buckets, postgres, s3, sqs);
        } catch (Exception e) {
            if (sqs != null) {
                closeQuietly(sqs);
            }
            closeQuietly(postgres);
            throw new IllegalStateException("embedded services did not start: " + e.getMessage(), e);
        }
    }

    /** Properties that point the application at these servers; they take precedence over every other source. */
    Map<String, Object> applicationProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("reflector.data-dir", dataDir.toString());
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("reflector.storage.endpoint", s3.endpoint().toString());
        properties.put("reflector.queues.endpoint", sqs.endpoint().toString());
        sqs.queueUrls().forEach((key, url) -> {
            properties.put("reflector.queues." + key + "-url", url);
            properties.put("reflector.queues." + key + "-dlq-url", url + "-dlq");
        });
        return properties;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String postgresJdbcUrl() {
        return postgres.jdbcUrl();
    }

    public String postgresUser() {
        return EmbeddedPostgresServer.USER;
    }

    public int postgresPort() {
        return postgres.port();
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public List<String> buckets() {
        return buckets;
    }

    public URI sqsEndpoint() {
        return sqs.endpoint();
    }

    /** Queue key → queue URL (each also has {@code <url>-dlq}). */
    public Map<String, String> queueUrls() {
        return sqs.queueUrls();
    }

    @Override
    public void close() {
        closeQuietly(sqs);
        closeQuietly(s3);
        closeQuietly(postgres);
        if (temporaryDataDir) {
            deleteRecursively(dataDir);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
