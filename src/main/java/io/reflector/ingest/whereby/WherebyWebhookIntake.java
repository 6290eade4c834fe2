package io.reflector.ingest.whereby;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.webhook.SignatureCheck;
import io.reflector.ingest.webhook.WebhookBodyLimit;
import io.reflector.ingest.webhook.WebhookRejectedException;

/**
 * The gate of {@code POST /v1/whereby}: size limit, the signature over the raw bytes, then the event. What passes
 * becomes the body, a {@link WherebyDelivery}; what does not is rejected with a status and a reason.
 */
@Component
public class WherebyWebhookIntake {
    private static final Logger log = LoggerFactory.getLogger(WherebyWebhookIntake.class);

    private final WherebySignatureVerifier verifier;
    private final WebhookBodyLimit bodyLimit;

    public WherebyWebhookIntake(ReflectorProperties properties, Clock clock) {
        ReflectorProperties.Whereby whereby = properties.whereby();
        this.verifier = whereby.hasWebhookSecret()
                ? new WherebySignatureVerifier(whereby.webhookSecret(), WherebySignatureVerifier.DEFAULT_TOLERANCE, clock)
                : null;
        this.bodyLimit = new WebhookBodyLimit(whereby.maxBodyBytes());
        if (verifier == null) {
            log.warn("WHEREBY_WEBHOOK_SECRET is not set: every Whereby webhook event will be refused with 401");
        }
    }

    @Handler
    public WherebyDelivery admit(Exchange exchange) {
        Message message = exchange.getMessage();
        byte[] body = bodyLimit.read(message);
        if (verifier == null) {
            throw new WebhookRejectedException(401,
                    "Whereby webhooks are refused: WHEREBY_WEBHOOK_SECRET is not configured");
        }
        String signature = message.getHeader(WherebySignatureVerifier.SIGNATURE_HEADER, String.class);
        SignatureCheck check = verifier.verify(signature, body);
        if (check instanceof SignatureCheck.Rejected rejected) {
            log.warn("Whereby webhook refused: {}", rejected.message());
            throw new WebhookRejectedException(401, "Invalid webhook signature: " + rejected.message());
        }
        WherebyEvent event;
        try {
            event = WherebyEvent.parse(body);
        } catch (InvalidWherebyEventException e) {
            log.warn("Whereby webhook with a well-signed but invalid body: {}", e.getMessage());
            throw new WebhookRejectedException(400, e.getMessage());
        }
        if (check instanceof SignatureCheck.Valid valid
                && !WherebySignatureVerifier.MATCHED_RAW_BODY.equals(valid.matched())) {
            // Tells whether the fallback for Reflector's signing is still needed before anyone removes it.
            log.info("Whereby event {} verified against the {}", event.id(), valid.matched());
        }
        return new WherebyDelivery(event, new String(body, StandardCharsets.UTF_8));
    }
}
