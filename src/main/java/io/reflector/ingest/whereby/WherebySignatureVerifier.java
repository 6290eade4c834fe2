package io.reflector.ingest.whereby;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.reflector.ingest.webhook.SignatureCheck;
import io.reflector.ingest.webhook.TimestampedHmac;

/**
 * Verifies Whereby's participant webhook signature (spec 3.4):
 * {@code Whereby-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(UTF-8 secret, "<t>.<body>")>}.
 *
 * <p>The raw body is tried first, since that is what Whereby sends (spec 12 #27). Reflector signed a compact Python
 * re-serialisation of the parsed body instead; that form is accepted as a fallback so that deliveries which verified
 * under Reflector keep verifying, and {@link SignatureCheck.Valid#matched()} says which form matched.
 */
public final class WherebySignatureVerifier {

    public static final String SIGNATURE_HEADER = "Whereby-Signature";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(60);

    public static final String MATCHED_RAW_BODY = "raw body";
    public static final String MATCHED_COMPACT_JSON = "compact JSON re-serialisation of the body (Reflector's legacy form)";

    private static final int HMAC_SHA256_HEX_LENGTH = 64;

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secret    WHEREBY_WEBHOOK_SECRET, used as its UTF-8 bytes
     * @param tolerance how far {@code t} may be from now, in the past or the future
     * @throws IllegalArgumentException when the secret is blank, so a misconfigured app fails at startup
     */
    public WherebySignatureVerifier(String secret, Duration tolerance, Clock clock) {
        this.key = utf8Secret(secret);
        Objects.requireNonNull(tolerance, "tolerance");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("Whereby signature tolerance must not be negative: " + tolerance);
        }
        this.tolerance = tolerance;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param signatureHeader the {@value #SIGNATURE_HEADER} header value, null when absent
     * @param rawBody         the request body exactly as received
     */
    public SignatureCheck verify(String signatureHeader, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        if (signatureHeader == null || signatureHeader.isBlank()) {
            return SignatureCheck.missingHeader(SIGNATURE_HEADER);
        }
        SignedHeader header;
        try {
            header = SignedHeader.parse(signatureHeader);
        } catch (IllegalArgumentException e) {
            return SignatureCheck.malformedHeader(e.getMessage());
        }
        Optional<String> matched = matchedForm(header, rawBody);
        if (matched.isEmpty()) {
            return SignatureCheck.mismatch(SIGNATURE_HEADER + " v1 matches neither the raw body nor its compact JSON "
                    + "re-serialisation signed with t=" + header.timestamp() + " (wrong secret, or the body was altered)");
        }
        // Checked after the MAC so that "stale" is only ever reported for genuine Whereby requests.
        Duration skew = Duration.between(header.signedAt(), clock.instant());
        if (skew.abs().compareTo(tolerance) > 0) {
            return SignatureCheck.stale(SIGNATURE_HEADER + " t=" + header.timestamp(), skew, tolerance);
        }
        return new SignatureCheck.Valid(matched.get());
    }

    /** Signs the raw body like Whereby does; for tests and test clients. */
    public static String sign(String secret, long unixSeconds, byte[] rawBody) {
        String timestamp = Long.toString(unixSeconds);
        return "t=" + timestamp + ",v1="
                + HexFormat.of().formatHex(TimestampedHmac.compute(utf8Secret(secret), timestamp, rawBody));
    }

    private Optional<String> matchedForm(SignedHeader header, byte[] rawBody) {
        if (header.matchesAny(TimestampedHmac.compute(key, header.timestamp(), rawBody))) {
            return Optional.of(MATCHED_RAW_BODY);
        }
        return PythonCompactJson.reserialise(rawBody)
                .map(compact -> TimestampedHmac.compute(key, header.timestamp(), compact.getBytes(StandardCharsets.US_ASCII)))
                .filter(header::matchesAny)
                .map(mac -> MATCHED_COMPACT_JSON);
    }

    private static byte[] utf8Secret(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("Whereby webhook secret (WHEREBY_WEBHOOK_SECRET) is blank");
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param timestamp  {@code t} exactly as sent, since that text is what was signed
     * @param signatures every {@code v1} value; the scheme allows several, e.g. while a secret is rotated
     */
    private record SignedHeader(String timestamp, Instant signedAt, List<byte[]> signatures) {

        static SignedHeader parse(String header) {
            String timestamp = null;
            List<byte[]> signatures = new ArrayList<>();
            for (String part : header.split(",")) {
                int equals = part.indexOf('=');
                if (equals < 0) {
                    throw malformed(header, "'" + part.strip() + "' is not name=value");
                }
                String name = part.substring(0, equals).strip();
                String value = part.substring(equals + 1).strip();
                if (name.equals("t")) {
                    if (timestamp != null) {
                        throw malformed(header, "t is given twice");
                    }
                    timestamp = value;
                } else if (name.equals("v1")) {
                    signatures.add(hexSignature(header, value));
                }
                // Other schemes (v0, future versions) are ignored, as in Stripe-style headers.
            }
            if (timestamp == null) {
                throw malformed(header, "no t=<unix seconds>");
            }
            if (signatures.isEmpty()) {
                throw malformed(header, "no v1=<hex signature>");
            }
            return new SignedHeader(timestamp, unixSeconds(header, timestamp), signatures);
        }

        boolean matchesAny(byte[] mac) {
            return signatures.stream().anyMatch(signature -> MessageDigest.isEqual(signature, mac));
        }

        private static Instant unixSeconds(String header, String timestamp) {
            if (timestamp.isEmpty() || !timestamp.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw malformed(header, "t '" + timestamp + "' is not a whole number of unix seconds");
            }
            try {
                return Instant.ofEpochSecond(Long.parseLong(timestamp));
            } catch (NumberFormatException | DateTimeException e) {
                throw malformed(header, "t '" + timestamp + "' is out of range");
            }
        }

        private static byte[] hexSignature(String header, String value) {
            if (value.length() != HMAC_SHA256_HEX_LENGTH) {
                throw malformed(header, "v1 is " + value.length() + " characters long, expected "
                        + HMAC_SHA256_HEX_LENGTH + " hex digits");
            }
            try {
                return HexFormat.of().parseHex(value);
            } catch (IllegalArgumentException e) {
                throw malformed(header, "v1 is not hexadecimal");
            }
        }

        private static IllegalArgumentException malformed(String header, String problem) {
            return new IllegalArgumentException(SIGNATURE_HEADER + " '" + header + "' is malformed: " + problem);
        }
    }
}
