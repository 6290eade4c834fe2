package io.reflector.ingest.ops;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reflector.ingest.config.ReflectorProperties;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Makes the messages that SQS gave up on visible: gauge {@code reflector.sqs.dead.letters{queue}} and a health
 * detail, for each configured dead-letter queue.
 */
@Component
public class DeadLetterQueues {
    private final SqsClient sqs;
    private final Map<String, String> urls = new LinkedHashMap<>();

    DeadLetterQueues(SqsClient sqs, ReflectorProperties properties, MeterRegistry registry) {
        this.sqs = sqs;
        put("recordings", properties.queues().recordingsDlqUrl());
        put("daily-events", properties.queues().dailyEventsDlqUrl());
        urls.forEach((queue, url) -> Gauge.builder("reflector.sqs.dead.letters", () -> depth(url))
                .description("messages in the dead-letter queue")
                .tag("queue", queue)
                .register(registry));
    }

    /** Queue name → messages waiting in its dead-letter queue. */
    public Map<String, Integer> depths() {
        Map<String, Integer> depths = new LinkedHashMap<>();
        urls.forEach((queue, url) -> depths.put(queue, depth(url)));
        return depths;
    }

    private int depth(String url) {
        return Integer.parseInt(sqs.getQueueAttributes(b -> b.queueUrl(url)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private void put(String queue, String url) {
        if (url != null && !url.isBlank()) {
            urls.put(queue, url);
        }
    }
}
