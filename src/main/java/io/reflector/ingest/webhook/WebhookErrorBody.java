package io.reflector.ingest.webhook;

import java.util.Map;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.store.RejectedData;

/** Turns the exception that stopped a webhook route into its HTTP status and JSON body. */
@Component
public class WebhookErrorBody {
    private static final Logger log = LoggerFactory.getLogger(WebhookErrorBody.class);

    @Handler
    public Map<String, String> render(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Optional<String> rejectedData = RejectedData.reason(cause);
        int status = cause instanceof WebhookRejectedException rejected ? rejected.getStatus()
                : rejectedData.isPresent() ? 400 : 500;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (status == 500) {
            log.error("Webhook request failed; answered 500 so the platform retries", cause);
            return Map.of("message", "internal error; the event was not stored, please retry");
        }
        return Map.of("message", rejectedData.map(reason -> "the event cannot be stored: " + reason)
                .orElseGet(cause::getMessage));
    }
}
