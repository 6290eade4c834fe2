package io.reflector.ingest.webhook;

import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.config.WebhookPaths;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    /**
     * platform-http (only the two webhooks use it) runs a route on the request's own Tomcat thread, instead of
     * handing every request to Spring's task executor (eight threads by default) and back: the routes only verify,
     * store one row and answer, so the hop cost a context switch both ways and queued requests behind eight threads.
     * Spring MVC still completes the request through an async dispatch; that has no switch.
     */
    @Bean(name = "platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port) {
        return new SpringBootPlatformHttpEngine(port, Runnable::run);
    }

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
