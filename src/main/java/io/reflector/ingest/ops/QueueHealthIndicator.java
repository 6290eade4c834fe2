package io.reflector.ingest.ops;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * UP when the recordings queue answers (or none is configured); reports its backlog and the dead letters, asked once
 * per health-check interval. Every detail is a plain value: Hawtio's Spring Boot page cannot render nested objects.
 */
@Component("sqs")
class QueueHealthIndicator extends CachedHealthIndicator {
    private final SqsClient sqs;
    private final String queueUrl;
    private final DeadLetterQueues deadLetters;

    QueueHealthIndicator(SqsClient sqs, ReflectorProperties properties, DeadLetterQueues deadLetters, Clock clock) {
        super(clock, properties.ops().healthCheckInterval());
        this.sqs = sqs;
        this.queueUrl = properties.queues().recordingsUrl();
        this.deadLetters = deadLetters;
    }

    @Override
    protected void check(Health.Builder builder) {
        if (queueUrl == null || queueUrl.isBlank()) {
            builder.up().withDetail("queue", "not configured (AWS_PROCESS_RECORDING_QUEUE_URL)");
            return;
        }
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        builder.up().withDetail("queue", queueUrl)
                .withDetail("messages", Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)));
        deadLetters.depths().forEach((queue, depth) -> builder.withDetail("deadLetters." + queue, depth));
    }
}
