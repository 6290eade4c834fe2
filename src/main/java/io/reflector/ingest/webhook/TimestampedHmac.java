package io.reflector.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over {@code <timestamp>.<body>}, the message shape shared by Daily's and Whereby's incoming webhooks
 * and by the room webhook we send. Only the key derivation and the output encoding differ between them.
 */
public final class TimestampedHmac {

    private static final String ALGORITHM = "HmacSHA256";

    private TimestampedHmac() {
    }

    /**
     * @param timestamp the timestamp exactly as it travels in the header; it is signed as its UTF-8 text (as Python's
     *                  {@code str.encode()} did), never re-formatted
     * @param body      the exact body bytes, before any parsing
     * @return the 32 raw MAC bytes
     */
    public static byte[] compute(byte[] key, String timestamp, byte[] body) {
        Mac mac = newMac(key);
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) '.');
        mac.update(body);
        return mac.doFinal();
    }

    private static Mac newMac(byte[] key) {
        if (key.length == 0) {
            // SecretKeySpec rejects an empty key with a message that does not say which secret is meant.
            throw new IllegalArgumentException("HMAC key is empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
        }
    }
}
