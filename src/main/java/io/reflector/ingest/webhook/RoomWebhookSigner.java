package io.reflector.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Signs the transcript.completed webhook we send to a room's URL, in the format existing receivers already verify
 * (spec 9.4): {@code X-Webhook-Signature: t=<unix seconds>,v1=<lowercase hex HMAC-SHA256>}.
 */
public final class RoomWebhookSigner {

    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";

    private RoomWebhookSigner() {
    }

    /**
     * @param body the exact bytes that will be sent; signing a different serialisation breaks every receiver
     * @return the {@value #SIGNATURE_HEADER} header value, timestamped {@code unixSeconds}
     */
    public static String signatureHeader(String roomWebhookSecret, long unixSeconds, byte[] body) {
        if (roomWebhookSecret == null || roomWebhookSecret.isBlank()) {
            throw new IllegalArgumentException(
                    "Room webhook secret is blank; send the webhook unsigned instead of signing with an empty key");
        }
        String timestamp = Long.toString(unixSeconds);
        byte[] mac = TimestampedHmac.compute(roomWebhookSecret.getBytes(StandardCharsets.UTF_8), timestamp, body);
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac);
    }
}
