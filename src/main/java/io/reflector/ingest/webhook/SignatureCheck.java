package io.reflector.ingest.webhook;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Outcome of checking an incoming webhook signature. A rejection carries a message specific enough to put in a
 * 401 body and a log line (which header, how stale), and never the expected signature.
 */
public sealed interface SignatureCheck {

    boolean isValid();

    /** @param matched what the signature was found to cover, e.g. "raw body"; worth logging while a fallback exists */
    record Valid(String matched) implements SignatureCheck {
        @Override
        public boolean isValid() {
            return true;
        }
    }

    record Rejected(Reason reason, String message) implements SignatureCheck {
        @Override
        public boolean isValid() {
            return false;
        }
    }

    enum Reason {
        MISSING_HEADER,
        MALFORMED_HEADER,
        STALE_TIMESTAMP,
        SIGNATURE_MISMATCH
    }

    // Factories shared by the Daily and Whereby verifiers, so both word their rejections alike.

    static Rejected missingHeader(String header) {
        return new Rejected(Reason.MISSING_HEADER, "Missing " + header + " header");
    }

    static Rejected malformedHeader(String message) {
        return new Rejected(Reason.MALFORMED_HEADER, message);
    }

    static Rejected mismatch(String message) {
        return new Rejected(Reason.SIGNATURE_MISMATCH, message);
    }

    /**
     * @param skew the receive time minus the signed time: positive when the timestamp is in the past
     */
    static Rejected stale(String timestampSource, Duration skew, Duration tolerance) {
        String direction = skew.isNegative()
                ? seconds(skew.negated()) + " in the future"
                : seconds(skew) + " old";
        return new Rejected(Reason.STALE_TIMESTAMP,
                timestampSource + " is " + direction + "; at most " + seconds(tolerance) + " either way is accepted");
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
