package io.reflector.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedQueueTest extends EmbeddedDefaultTest {
    @Autowired
    SqsClient sqs;
    @Autowired
    ReflectorProperties properties;

    @Test
    void aMessageSentWithTheAwsSdkIsConsumedByTheIntakeRoute() {
        sqs.sendMessage(b -> b.queueUrl(properties.queues().recordingsUrl()).messageBody(
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Time\":\"2026-11-25T12:00:00.000Z\","
                        + "\"Bucket\":\"reflector-whereby-recordings\",\"RequestId\":\"r\",\"HostId\":\"h\"}"));

        Eventually.await(Duration.ofSeconds(30), () -> "0".equals(visibleAndInFlight()), "the queue to drain");
    }

    @Test
    void theRecordingsQueueRedrivesToItsDeadLetterQueue() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b
                .queueUrl(properties.queues().recordingsUrl()).attributeNames(QueueAttributeName.REDRIVE_POLICY))
                .attributes();
        assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
                .contains("reflector-recordings-dlq").contains("\"maxReceiveCount\":");
    }

    private String visibleAndInFlight() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b
                .queueUrl(properties.queues().recordingsUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return String.valueOf(Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)));
    }
}
