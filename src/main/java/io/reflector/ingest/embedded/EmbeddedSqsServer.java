package io.reflector.ingest.embedded;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS API server (ElasticMQ). Queues are created at start, each with a dead-letter queue and a redrive policy,
 * as they would be provisioned on AWS. Messages live in memory: what must survive a restart is in PostgreSQL.
 */
final class EmbeddedSqsServer implements AutoCloseable {
    private final SQSRestServer server;
    private final URI endpoint;
    private final Map<String, String> queueUrls;
    private final SqsClient client;

    private EmbeddedSqsServer(SQSRestServer server, URI endpoint, Map<String, String> queueUrls, SqsClient client) {
        this.server = server;
        this.endpoint = endpoint;
        this.queueUrls = queueUrls;
        this.client = client;
    }

    static EmbeddedSqsServer start(String host, int port, String region, String accessKey, String secretKey,
                                   Map<String, String> queues, int maxReceiveCount, int visibilityTimeoutSeconds) {
        int actualPort = Ports.resolve(port, host);
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(host)
                .withPort(actualPort)
                .withServerAddress(new NodeAddress("http", host, actualPort, ""))
                .withAWSRegion(region)
                .start();
        server.waitUntilStarted();
        URI endpoint = URI.create("http://" + host + ":" + actualPort);
        Map<String, String> urls = new LinkedHashMap<>();
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
        queues.forEach((key, name) -> urls.put(key, createWithDeadLetterQueue(sqs, name, maxReceiveCount,
                visibilityTimeoutSeconds)));
        return new EmbeddedSqsServer(server, endpoint, urls, sqs);
    }

    private static String createWithDeadLetterQueue(SqsClient sqs, String name, int maxReceiveCount,
                                                    int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"maxReceiveCount\":\"" + maxReceiveCount + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}";
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrive,
                        QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(visibilityTimeoutSeconds))))
                .queueUrl();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Queue key → queue URL. */
    Map<String, String> queueUrls() {
        return queueUrls;
    }

    /** A client of this server, for the servers that talk to it (bucket notifications). */
    SqsClient client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
