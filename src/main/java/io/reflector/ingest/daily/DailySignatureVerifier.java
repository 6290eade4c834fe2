package io.reflector.ingest.daily;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

import io.reflector.ingest.webhook.SignatureCheck;
import io.reflector.ingest.webhook.TimestampedHmac;

/**
 * Verifies Daily's webhook signature (spec 2.4): Base64(HMAC-SHA256(Base64-decoded secret,
 * {@code <X-Webhook-Timestamp>.<raw body>})) compared with {@code X-Webhook-Signature}, plus an optional replay
 * window that Reflector never had (spec 12 #2).
 */
public final class DailySignatureVerifier {

    public static final String SIGNATURE_HEADER = "X-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";

    /** Epoch seconds; Daily sometimes sends a fraction (e.g. 1708972279.961). */
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

    private final byte[] key;
    private final Duration replayWindow;
    private final Clock clock;

    /**
     * @param base64Secret the DAILY_WEBHOOK_SECRET, i.e. the Base64 text registered as the webhook's {@code hmac}
     * @param replayWindow how far the signed timestamp may be from now, in either direction; {@link Duration#ZERO}
     *                     disables the check (Daily's timestamps on retried deliveries are not confirmed yet)
     * @throws IllegalArgumentException when the secret is blank or not standard Base64, so a misconfigured app
     *                                  fails at startup instead of answering 401 until Daily disables the webhook
     */
    public DailySignatureVerifier(String base64Secret, Duration replayWindow, Clock clock) {
        this.key = decodeSecret(base64Secret);
        Objects.requireNonNull(replayWindow, "replayWindow");
        if (replayWindow.isNegative()) {
            throw new IllegalArgumentException("Daily webhook replay window must not be negative: " + replayWindow);
        }
        this.replayWindow = replayWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param signature the {@value #SIGNATURE_HEADER} header value, null when absent
     * @param timestamp the {@value #TIMESTAMP_HEADER} header value, null when absent
     * @param rawBody   the request body exactly as received
     */
    public SignatureCheck verify(String signature, String timestamp, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (signature == null || signature.isBlank()) {
            return SignatureCheck.missingHeader(SIGNATURE_HEADER);
        }
        if (timestamp == null || timestamp.isBlank()) {
            return SignatureCheck.missingHeader(TIMESTAMP_HEADER);
        }
        Instant signedAt = null;
        if (replayWindowEnabled()) {
            // Only interpreted when the window is on: with it off the timestamp is signed text and nothing more,
            // exactly as in Reflector, so an unexpected format cannot cost deliveries.
            try {
                signedAt = parseEpochSeconds(timestamp);
            } catch (IllegalArgumentException e) {
                return SignatureCheck.malformedHeader(e.getMessage());
            }
        }
        byte[] expected = Base64.getEncoder().encode(TimestampedHmac.compute(key, timestamp, rawBody));
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
            return SignatureCheck.mismatch(SIGNATURE_HEADER + " does not match the body signed with timestamp "
                    + timestamp + " (wrong secret, or the body was altered)");
        }
        // Checked after the MAC so that "stale" is only ever reported for genuine Daily requests, where it points
        // at clock skew or a replay rather than at a forgery.
        if (signedAt != null) {
            Duration skew = Duration.between(signedAt, clock.instant());
            if (skew.abs().compareTo(replayWindow) > 0) {
                return SignatureCheck.stale(TIMESTAMP_HEADER + " " + timestamp, skew, replayWindow);
            }
        }
        return new SignatureCheck.Valid("raw body");
    }

    /** Signs like Daily does; for tests and test clients. */
    public static String sign(String base64Secret, String timestamp, byte[] rawBody) {
        return Base64.getEncoder().encodeToString(TimestampedHmac.compute(decodeSecret(base64Secret), timestamp, rawBody));
    }

    private boolean replayWindowEnabled() {
        return !replayWindow.isZero();
    }

    private static byte[] decodeSecret(String base64Secret) {
        if (base64Secret == null || base64Secret.isBlank()) {
            throw new IllegalArgumentException("Daily webhook secret (DAILY_WEBHOOK_SECRET) is blank; "
                    + "set it to the Base64 value registered as the webhook's hmac");
        }
        try {
            // Surrounding whitespace is a trailing newline from a secrets file, never part of the key; Python's
            // decoder ignored it too.
            return Base64.getDecoder().decode(base64Secret.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message names the offending character, not the secret, so it is safe to repeat.
            throw new IllegalArgumentException("Daily webhook secret (DAILY_WEBHOOK_SECRET) is not standard Base64 "
                    + "(alphabet A-Z a-z 0-9 + /, '=' padding; the URL-safe alphabet is not accepted): "
                    + e.getMessage(), e);
        }
    }

    private static Instant parseEpochSeconds(String timestamp) {
        if (!EPOCH_SECONDS.matcher(timestamp).matches()) {
            throw new IllegalArgumentException(
                    TIMESTAMP_HEADER + " '" + timestamp + "' is not a number of epoch seconds");
        }
        BigDecimal seconds = new BigDecimal(timestamp);
        try {
            long whole = seconds.setScale(0, RoundingMode.DOWN).longValueExact();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
                    .setScale(0, RoundingMode.DOWN).longValueExact();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw new IllegalArgumentException(
                    TIMESTAMP_HEADER + " '" + timestamp + "' is out of range for epoch seconds", e);
        }
    }
}
