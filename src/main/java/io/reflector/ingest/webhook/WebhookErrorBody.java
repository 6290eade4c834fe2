package io.reflector.ingest.webhook;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.springframework.stereotype.Component;

/** Turns the exception that stopped a webhook route into its HTTP status and JSON body. */
@Component
public class WebhookErrorBody {

    @Handler
    public Map<String, String> render(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status = cause instanceof WebhookRejectedException rejected ? rejected.getStatus() : 500;
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        return Map.of("message", status == 500 ? "internal error; the event was not stored, please retry" : cause.getMessage());
    }
}
