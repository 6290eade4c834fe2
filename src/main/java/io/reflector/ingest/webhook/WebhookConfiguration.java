package io.reflector.ingest.webhook;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.WebhookPaths;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {
    private static final int RAW_BODY_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    /** platform-http (only the two webhooks use it): see {@link WebhookConsumers}. */
    @Bean(name = "platform-http-engine")
    WebhookConsumers platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new WebhookConsumers(port);
    }

    /** Ahead of every other filter (security included), so no one reads the body as characters or a form first. */
    @Bean
    FilterRegistrationBean<RawWebhookBody> rawWebhookBody(ReflectorProperties properties) {
        int maxBytes = Math.max(properties.daily().maxBodyBytes(), properties.whereby().maxBodyBytes());
        FilterRegistrationBean<RawWebhookBody> registration = new FilterRegistrationBean<>(new RawWebhookBody(maxBytes));
        registration.addUrlPatterns(WebhookPaths.DAILY, WebhookPaths.WHEREBY);
        registration.setOrder(RAW_BODY_ORDER);
        return registration;
    }

    /** Right after the raw body, before security and Spring MVC, which a webhook does not go through. */
    @Bean
    FilterRegistrationBean<WebhookDispatch> webhookDispatch(WebhookConsumers consumers) {
        FilterRegistrationBean<WebhookDispatch> registration = new FilterRegistrationBean<>(new WebhookDispatch(consumers));
        registration.addUrlPatterns(WebhookPaths.DAILY, WebhookPaths.WHEREBY);
        registration.setOrder(RAW_BODY_ORDER + 1);
        return registration;
    }
}
