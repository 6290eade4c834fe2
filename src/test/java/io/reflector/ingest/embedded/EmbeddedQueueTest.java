package io.reflector.ingest.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class EmbeddedQueueTest extends EmbeddedDefaultTest {
    @Autowired
    SqsClient sqs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReflectorProperties properties;

    @Test
    void aMessageSentWithTheAwsSdkIsConsumedByTheIntakeRouteIntoTheInbox() {
        String body = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"reflector-whereby-recordings\"},\"object\":{\"key\":\"sdk-check.mp4\"}}}]}";
        String messageId = sqs.sendMessage(b -> b.queueUrl(properties.queues().recordingsUrl()).messageBody(body))
                .messageId();

        String stored = Eventually.await(Duration.ofSeconds(30), () -> jdbc.sql(
                        "select payload from inbox_event where provider = 'whereby-s3' and event_id = :id")
                .param("id", messageId).query(String.class).optional().orElse(null), "the inbox row");

        assertThat(stored).isEqualTo(body);
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
