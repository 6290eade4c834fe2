package io.reflector.ingest.ops;

import java.util.Map;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** UP when the recordings queue answers (or none is configured); reports its backlog and the dead letters. */
@Component("sqs")
class QueueHealthIndicator extends AbstractHealthIndicator {
    private final SqsClient sqs;
    private final String queueUrl;
    private final DeadLetterQueues deadLetters;

    QueueHealthIndicator(SqsClient sqs, ReflectorProperties properties, DeadLetterQueues deadLetters) {
        super("SQS health check failed");
        this.sqs = sqs;
        this.queueUrl = properties.queues().recordingsUrl();
        this.deadLetters = deadLetters;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (queueUrl == null || queueUrl.isBlank()) {
            builder.up().withDetail("queue", "not configured (AWS_PROCESS_RECORDING_QUEUE_URL)");
            return;
        }
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes();
        builder.up().withDetail("queue", queueUrl)
                .withDetail("messages", attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .withDetail("deadLetters", deadLetters.depths());
    }
}
