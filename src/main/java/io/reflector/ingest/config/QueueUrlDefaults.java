package io.reflector.ingest.config;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reflector's env file names only the Whereby recordings queue; our own queue of inboxed Daily events then defaults
 * to its sibling {@value #DAILY_EVENTS_QUEUE} (same account and region, or the same SQS-compatible server).
 */
public class QueueUrlDefaults implements EnvironmentPostProcessor {
    static final String DAILY_EVENTS_QUEUE = "reflector-daily-events";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String dailyEvents = environment.getProperty("reflector.queues.daily-events-url");
        String recordings = environment.getProperty("reflector.queues.recordings-url");
        if ((dailyEvents == null || dailyEvents.isBlank()) && recordings != null && recordings.contains("/")) {
            environment.getPropertySources().addFirst(new MapPropertySource("queueUrlDefaults",
                    Map.of("reflector.queues.daily-events-url", sibling(recordings, DAILY_EVENTS_QUEUE))));
        }
    }

    static String sibling(String queueUrl, String queueName) {
        return queueUrl.substring(0, queueUrl.lastIndexOf('/') + 1) + queueName;
    }
}
