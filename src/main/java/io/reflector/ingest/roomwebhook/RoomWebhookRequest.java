package io.reflector.ingest.roomwebhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.reflector.ingest.webhook.RoomWebhookSigner;

/**
 * One POST of a room webhook with the headers of spec §9.4, which existing receivers check.
 *
 * @param body the exact bytes sent, and signed
 */
public record RoomWebhookRequest(String url, Map<String, String> headers, byte[] body, Duration timeout) {
    static final String USER_AGENT = "Reflector-Webhook/1.0";

    /**
     * @param retry  previous attempts of this event, sent as {@code X-Webhook-Retry}; null leaves the header out
     *               (the test webhook has none)
     * @param secret the room's webhook secret; blank sends the webhook unsigned
     */
    public static RoomWebhookRequest of(String url, String event, byte[] body, Integer retry, String secret,
                                        Instant sentAt, Duration timeout) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", USER_AGENT);
        headers.put("X-Webhook-Event", event);
        if (retry != null) {
            headers.put("X-Webhook-Retry", Integer.toString(retry));
        }
        if (secret != null && !secret.isBlank()) {
            headers.put(RoomWebhookSigner.SIGNATURE_HEADER,
                    RoomWebhookSigner.signatureHeader(secret, sentAt.getEpochSecond(), body));
        }
        return new RoomWebhookRequest(url, Collections.unmodifiableMap(headers), body, timeout);
    }
}
