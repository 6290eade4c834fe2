package io.reflector.ingest.roomwebhook;

import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.ThreadPools;

/** The room webhook's settings as the beans that apply them. */
@Configuration(proxyBeanMethods = false)
public class RoomWebhookConfiguration {

    @Bean
    RoomWebhookPayload roomWebhookPayload(ReflectorProperties properties) {
        return new RoomWebhookPayload(properties.uiBaseUrl(), properties.transcription().language());
    }

    @Bean
    RetryPolicy roomWebhookRetryPolicy(ReflectorProperties properties) {
        ReflectorProperties.RoomWebhook settings = properties.roomWebhook();
        return new RetryPolicy(settings.firstRetryDelay(), settings.maxRetryDelay(), settings.giveUpAfter());
    }

    /**
     * The room-webhook-delivery split's threads (its {@code executorService}): one per claimed delivery, so none waits
     * for a thread while its lease runs out (Camel's default profile has fewer). A profile, not an executor bean,
     * which would take the place of Spring's task executor.
     */
    @Bean
    CamelContextConfiguration roomWebhookSenders() {
        return ThreadPools.threadPoolProfile("room-webhook-senders", RoomWebhookDelivery.BATCH);
    }
}
