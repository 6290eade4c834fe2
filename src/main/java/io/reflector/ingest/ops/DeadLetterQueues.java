package io.reflector.ingest.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflector.ingest.config.ReflectorProperties;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Makes the messages that SQS gave up on visible: gauge {@code reflector.sqs.dead.letters{queue}} and a health
 * detail, for each configured dead-letter queue; and sends them back to their queue once the cause is fixed.
 */
@Component
public class DeadLetterQueues {
    /** SQS's largest batch. */
    static final int BATCH = 10;
    /** Long enough to send a batch back and delete it; a message whose move failed is visible again after it. */
    static final int MOVE_VISIBILITY_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    /** A work queue and the dead-letter queue its redrive policy moves failing messages to. */
    record Pair(String queueUrl, String deadLetterUrl) {
    }

    /**
     * @param moved     messages sent back to the queue and deleted from its dead-letter queue by this call
     * @param remaining messages still in the dead-letter queue (approximate, as SQS counts)
     */
    public record Redrive(String queue, int moved, int remaining) {
    }

    private final SqsClient sqs;
    private final Map<String, Pair> queues = new LinkedHashMap<>();

    DeadLetterQueues(SqsClient sqs, ReflectorProperties properties, MeterRegistry registry) {
        this.sqs = sqs;
        put("recordings", properties.queues().recordingsUrl(), properties.queues().recordingsDlqUrl());
        put("daily-events", properties.queues().dailyEventsUrl(), properties.queues().dailyEventsDlqUrl());
        queues.forEach((queue, pair) -> Gauge.builder("reflector.sqs.dead.letters", () -> depth(pair.deadLetterUrl()))
                .description("messages in the dead-letter queue")
                .tag("queue", queue)
                .register(registry));
    }

    /** Queue name → messages waiting in its dead-letter queue. */
    public Map<String, Integer> depths() {
        Map<String, Integer> depths = new LinkedHashMap<>();
        queues.forEach((queue, pair) -> depths.put(queue, depth(pair.deadLetterUrl())));
        return depths;
    }

    public Set<String> names() {
        return queues.keySet();
    }

    /**
     * Moves up to {@code max} messages of the queue's dead-letter queue back to the queue: received, sent again
     * (body and message attributes), then deleted, in batches of ten. Plain SQS calls, so it works wherever the
     * queues are (ElasticMQ, AWS). A message is deleted only once its send succeeded, so a failure in between sends
     * it twice at worst, which our consumers take (recordings and inbox events are idempotent); never loses it.
     *
     * @return empty for a queue name that is not configured
     */
    public Optional<Redrive> redrive(String queue, int max) {
        Pair pair = queues.get(queue);
        if (pair == null || pair.queueUrl() == null || pair.queueUrl().isBlank()) {
            return Optional.empty();
        }
        int moved = 0;
        while (moved < max) {
            int batch = Math.min(BATCH, max - moved);
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(pair.deadLetterUrl())
                    .maxNumberOfMessages(batch).waitTimeSeconds(1).visibilityTimeout(MOVE_VISIBILITY_SECONDS)
                    .messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                break;
            }
            List<Message> sent = sendBack(pair.queueUrl(), messages);
            if (!sent.isEmpty()) {
                sqs.deleteMessageBatch(b -> b.queueUrl(pair.deadLetterUrl()).entries(sent.stream()
                        .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                                .receiptHandle(m.receiptHandle()).build()).toList()));
            }
            moved += sent.size();
            if (sent.size() < messages.size()) {
                break;
            }
        }
        Redrive redrive = new Redrive(queue, moved, depth(pair.deadLetterUrl()));
        log.info("Dead letters of {}: {} message(s) sent back to the queue, {} left", queue, moved, redrive.remaining());
        return Optional.of(redrive);
    }

    /** @return the messages the queue accepted */
    private List<Message> sendBack(String queueUrl, List<Message> messages) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(messages.stream()
                .map(m -> SendMessageBatchRequestEntry.builder().id(m.messageId()).messageBody(m.body())
                        .messageAttributes(m.messageAttributes()).build()).toList()));
        for (BatchResultErrorEntry failed : response.failed()) {
            log.warn("Dead letter {} could not be sent back to {} and stays in the dead-letter queue: {} {}",
                    failed.id(), queueUrl, failed.code(), failed.message());
        }
        Set<String> accepted = response.successful().stream().map(entry -> entry.id()).collect(Collectors.toSet());
        return messages.stream().filter(m -> accepted.contains(m.messageId())).toList();
    }

    private int depth(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private void put(String queue, String url, String deadLetterUrl) {
        if (deadLetterUrl != null && !deadLetterUrl.isBlank()) {
            queues.put(queue, new Pair(url, deadLetterUrl));
        }
    }
}
