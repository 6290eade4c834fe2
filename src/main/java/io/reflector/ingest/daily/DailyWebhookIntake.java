package io.reflector.ingest.daily;

import java.time.Clock;

import org.apache.camel.Exchange;
import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.webhook.SignatureCheck;
import io.reflector.ingest.webhook.WebhookBodyLimit;
import io.reflector.ingest.webhook.WebhookRejectedException;

/**
 * The gate of {@code POST /v1/daily/webhook}: size limit, the test ping, the signature over the raw bytes, the
 * envelope. What passes leaves headers for the inbox insert; what does not is rejected with a status and a reason.
 */
@Component
public class DailyWebhookIntake {
    public static final String TEST_PING = "dailyTestPing";
    public static final String EVENT_ID = "dailyEventId";
    public static final String EVENT_TYPE = "dailyEventType";
    public static final String PAYLOAD = "dailyEventJson";

    private static final Logger log = LoggerFactory.getLogger(DailyWebhookIntake.class);

    private final DailySignatureVerifier verifier;
    private final WebhookBodyLimit bodyLimit;

    public DailyWebhookIntake(ReflectorProperties properties, Clock clock) {
        ReflectorProperties.Daily daily = properties.daily();
        boolean configured = daily.webhookSecret() != null && !daily.webhookSecret().isBlank();
        this.verifier = configured ? new DailySignatureVerifier(daily.webhookSecret(), daily.replayWindow(), clock) : null;
        this.bodyLimit = new WebhookBodyLimit(daily.maxBodyBytes());
        if (!configured) {
            log.warn("DAILY_WEBHOOK_SECRET is not set: every Daily webhook event will be refused with 401");
        }
    }

    @Handler
    public void admit(Exchange exchange) {
        var message = exchange.getMessage();
        byte[] body = bodyLimit.read(message);
        if (DailyEnvelope.isTestPing(body)) {
            message.setHeader(TEST_PING, true);
            return;
        }
        if (verifier == null) {
            throw new WebhookRejectedException(401, "Daily webhooks are refused: DAILY_WEBHOOK_SECRET is not configured");
        }
        SignatureCheck check = verifier.verify(message.getHeader(DailySignatureVerifier.SIGNATURE_HEADER, String.class),
                message.getHeader(DailySignatureVerifier.TIMESTAMP_HEADER, String.class), body);
        if (check instanceof SignatureCheck.Rejected rejected) {
            log.warn("Daily webhook refused: {}", rejected.message());
            throw new WebhookRejectedException(401, "Invalid webhook signature: " + rejected.message());
        }
        DailyEnvelope envelope;
        try {
            envelope = DailyEnvelope.parse(body);
        } catch (InvalidDailyEventException e) {
            log.warn("Daily webhook with a well-signed but invalid body: {}", e.getMessage());
            throw new WebhookRejectedException(400, e.getMessage());
        }
        message.setHeader(EVENT_ID, envelope.id());
        message.setHeader(EVENT_TYPE, envelope.type());
        message.setHeader(PAYLOAD, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }
}
