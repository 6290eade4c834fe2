package io.reflector.ingest.config;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One S3 and one SQS client (and an S3 presigner) with the master credentials (spec §1.2). Camel's aws2-s3 and aws2-sqs components
 * pick them from the registry (autowiring), so routes and Java code share the same configuration.
 */
@Configuration(proxyBeanMethods = false)
public class AwsClientsConfiguration {

    @Bean(destroyMethod = "close")
    S3Client s3Client(ReflectorProperties properties) {
        ReflectorProperties.Storage storage = properties.storage();
        var builder = S3Client.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials(storage));
        if (hasText(storage.endpoint())) {
            // S3-compatible servers (the embedded one, MinIO) want path-style URLs and do not all speak the
            // SDK's newer default checksums. Uploads stay aws-chunked: the embedded S3Proxy reads a signed
            // unchunked body whole into its heap to check the signature (a 2-hour MP3 ran the JVM out of memory).
            builder.endpointOverride(URI.create(storage.endpoint()))
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    /** Presigned URLs that the S3 client above would accept: same endpoint, credentials and path style. */
    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(ReflectorProperties properties) {
        ReflectorProperties.Storage storage = properties.storage();
        var builder = S3Presigner.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials(storage));
        if (hasText(storage.endpoint())) {
            builder.endpointOverride(URI.create(storage.endpoint()))
                    .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    SqsClient sqsClient(ReflectorProperties properties) {
        ReflectorProperties.Storage storage = properties.storage();
        var builder = SqsClient.builder()
                .region(Region.of(storage.region()))
                .credentialsProvider(credentials(storage));
        if (hasText(properties.queues().endpoint())) {
            builder.endpointOverride(URI.create(properties.queues().endpoint()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(ReflectorProperties.Storage storage) {
        return storage.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(storage.accessKeyId(), storage.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
