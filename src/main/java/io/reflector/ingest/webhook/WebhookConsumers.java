package io.reflector.ingest.webhook;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;

/**
 * The platform-http engine of the webhook routes. It runs a route on the request's own Tomcat thread instead of
 * handing it to Spring's task executor (eight threads by default) and back: the routes only verify, store one row and
 * answer, so the hop cost a context switch both ways and queued requests behind eight threads. And it keeps each
 * consumer by its path, for {@link WebhookDispatch} to call it without Spring MVC.
 */
final class WebhookConsumers extends SpringBootPlatformHttpEngine {
    private final Map<String, SpringBootPlatformHttpConsumer> byPath = new ConcurrentHashMap<>();

    WebhookConsumers(int port) {
        super(port, Runnable::run);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        PlatformHttpConsumer consumer = super.createConsumer(endpoint, processor);
        if (consumer instanceof SpringBootPlatformHttpConsumer springBoot) {
            byPath.put(endpoint.getPath(), springBoot);
        }
        return consumer;
    }

    /** The consumer of a path's route, running or not; empty for a path no route serves. */
    Optional<SpringBootPlatformHttpConsumer> of(String path) {
        return Optional.ofNullable(byPath.get(path));
    }
}
