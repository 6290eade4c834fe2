package io.reflector.ingest.webhook;

import java.io.IOException;
import java.util.Optional;

import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.reflector.ingest.config.JsonErrors;

/**
 * Hands a webhook request (a POST, its body already read by {@link RawWebhookBody}) straight to its route's
 * platform-http consumer. Through Spring MVC the same call costs a handler lookup, argument and return-value
 * handling, and a second pass through the filters and the DispatcherServlet, because the consumer answers with a
 * future and MVC completes a future through an async dispatch: measured, a third of a webhook's CPU. The route
 * answers the request exactly as it did there (the consumer's binding writes the response).
 *
 * <p>While ops have the route stopped (Hawtio, JMX) the answer is 503 with a {@code Retry-After}: the platform keeps
 * the event and delivers it again later. A suspended route's consumer answers 503 itself.
 */
class WebhookDispatch extends HttpFilter {
    private static final String RETRY_AFTER_SECONDS = "60";
    private final WebhookConsumers consumers;

    WebhookDispatch(WebhookConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Optional<SpringBootPlatformHttpConsumer> consumer = consumers.of(path);
        if (consumer.isEmpty()) {
            chain.doFilter(request, response);
        } else if (!consumer.get().isRunAllowed()) {
            JsonErrors.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "this webhook is stopped by its operators; deliver it again later", "Retry-After", RETRY_AFTER_SECONDS);
        } else {
            // the engine runs the route on this thread: the future is complete when service returns
            consumer.get().service(request, response).join();
        }
    }
}
