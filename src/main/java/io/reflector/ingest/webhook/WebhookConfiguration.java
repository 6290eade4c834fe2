package io.reflector.ingest.webhook;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.WebhookPaths;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /** Ahead of every other filter (security included), so no one reads the body as characters or a form first. */
    @Bean
    FilterRegistrationBean<RawWebhookBody> rawWebhookBody(ReflectorProperties properties) {
        int maxBytes = Math.max(properties.daily().maxBodyBytes(), properties.whereby().maxBodyBytes());
        FilterRegistrationBean<RawWebhookBody> registration = new FilterRegistrationBean<>(new RawWebhookBody(maxBytes));
        registration.addUrlPatterns(WebhookPaths.DAILY, WebhookPaths.WHEREBY);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
