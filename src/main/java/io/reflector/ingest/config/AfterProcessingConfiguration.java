package io.reflector.ingest.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.reflector.ingest.roomwebhook.RetryPolicy;
import io.reflector.ingest.roomwebhook.RoomWebhookPayload;

/** The room webhook's settings as the beans that apply them. */
@Configuration(proxyBeanMethods = false)
public class AfterProcessingConfiguration {

    @Bean
    RoomWebhookPayload roomWebhookPayload(ReflectorProperties properties) {
        return new RoomWebhookPayload(properties.uiBaseUrl(), properties.transcription().language());
    }

    @Bean
    RetryPolicy roomWebhookRetryPolicy(ReflectorProperties properties) {
        ReflectorProperties.RoomWebhook settings = properties.roomWebhook();
        return new RetryPolicy(settings.firstRetryDelay(), settings.maxRetryDelay(), settings.giveUpAfter());
    }
}
