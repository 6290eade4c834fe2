package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import io.reflector.ingest.webhook.SignatureCheck;
import io.reflector.ingest.webhook.SignatureCheck.Reason;
import io.reflector.ingest.webhook.SignatureCheck.Rejected;

class DailySignatureVerifierTest {

    /** Base64 of the bytes 0..31. */
    private static final String SECRET = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String OTHER_SECRET = "ZGlmZmVyZW50LXNlY3JldC1vZi0zMi1ieXRlcy4uLi4=";
    private static final byte[] BODY = ("{\"version\":\"1.0.0\",\"type\":\"recording.ready-to-download\",\"id\":\"rec-rtd-1\","
            + "\"payload\":{\"room_name\":\"x\"},\"event_ts\":1708972279.961}").getBytes(StandardCharsets.UTF_8);
    private static final String TIMESTAMP = "1708972279";
    /** Computed independently with Python: base64(hmac.new(b64decode(SECRET), b"1708972279." + BODY, sha256)). */
    private static final String PYTHON_SIGNATURE = "TyreGsRMAkhfzmNk/a5rsYsq34cfPWJhXV6fGSrJZ5s=";

    private static final Instant NOW = Instant.ofEpochSecond(1708972279);
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final DailySignatureVerifier verifier = verifierAt(NOW, WINDOW);

    @Test
    void signsExactlyLikeReflectorsPython() {
        assertThat(DailySignatureVerifier.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(PYTHON_SIGNATURE);
    }

    @Test
    void acceptsDailysSignature() {
        SignatureCheck check = verifier.verify(PYTHON_SIGNATURE, TIMESTAMP, BODY);

        assertThat(check.isValid()).isTrue();
        assertThat(check).isEqualTo(new SignatureCheck.Valid("raw body"));
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        String forged = DailySignatureVerifier.sign(OTHER_SECRET, TIMESTAMP, BODY);

        assertRejected(verifier.verify(forged, TIMESTAMP, BODY), Reason.SIGNATURE_MISMATCH,
                "X-Webhook-Signature does not match");
    }

    @Test
    void rejectsAnAlteredBody() {
        byte[] altered = new String(BODY, StandardCharsets.UTF_8).replace("rec-rtd-1", "rec-rtd-2")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(verifier.verify(PYTHON_SIGNATURE, TIMESTAMP, altered), Reason.SIGNATURE_MISMATCH,
                "body was altered");
    }

    @Test
    void rejectsTheBodyReSerialisedWithSpaces() {
        byte[] pretty = new String(BODY, StandardCharsets.UTF_8).replace(":", ": ").getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(PYTHON_SIGNATURE, TIMESTAMP, pretty).isValid()).isFalse();
    }

    @Test
    void rejectsASignatureMovedToAnotherTimestamp() {
        assertRejected(verifier.verify(PYTHON_SIGNATURE, "1708972280", BODY), Reason.SIGNATURE_MISMATCH,
                "timestamp 1708972280");
    }

    @Test
    void rejectsATimestampOlderThanTheWindow() {
        DailySignatureVerifier later = verifierAt(NOW.plusSeconds(301), WINDOW);

        assertRejected(later.verify(PYTHON_SIGNATURE, TIMESTAMP, BODY), Reason.STALE_TIMESTAMP,
                "X-Webhook-Timestamp 1708972279 is 301 s old; at most 300 s either way is accepted");
    }

    @Test
    void rejectsATimestampFurtherInTheFutureThanTheWindow() {
        DailySignatureVerifier earlier = verifierAt(NOW.minusSeconds(400), WINDOW);

        assertRejected(earlier.verify(PYTHON_SIGNATURE, TIMESTAMP, BODY), Reason.STALE_TIMESTAMP,
                "X-Webhook-Timestamp 1708972279 is 400 s in the future");
    }

    @Test
    void acceptsTimestampsExactlyAtTheEdgesOfTheWindow() {
        assertThat(verifierAt(NOW.plusSeconds(300), WINDOW).verify(PYTHON_SIGNATURE, TIMESTAMP, BODY).isValid()).isTrue();
        assertThat(verifierAt(NOW.minusSeconds(300), WINDOW).verify(PYTHON_SIGNATURE, TIMESTAMP, BODY).isValid()).isTrue();
    }

    @Test
    void aZeroWindowDisablesTheFreshnessCheck() {
        DailySignatureVerifier muchLater = verifierAt(NOW.plus(Duration.ofDays(365)), Duration.ZERO);

        assertThat(muchLater.verify(PYTHON_SIGNATURE, TIMESTAMP, BODY).isValid()).isTrue();
    }

    @Test
    void aZeroWindowSignsTheTimestampAsTextWithoutInterpretingIt() {
        DailySignatureVerifier windowOff = verifierAt(NOW, Duration.ZERO);
        String signature = DailySignatureVerifier.sign(SECRET, "not-a-number", BODY);

        assertThat(windowOff.verify(signature, "not-a-number", BODY).isValid()).isTrue();
    }

    @Test
    void acceptsAFractionalTimestampSignedVerbatim() {
        String fractional = "1708972279.961";
        String signature = DailySignatureVerifier.sign(SECRET, fractional, BODY);

        assertThat(verifier.verify(signature, fractional, BODY).isValid()).isTrue();
        assertThat(verifier.verify(signature, TIMESTAMP, BODY).isValid())
                .as("the fraction is part of the signed text").isFalse();
    }

    @Test
    void reportsFractionalStalenessInMilliseconds() {
        String fractional = "1708972279.5";
        String signature = DailySignatureVerifier.sign(SECRET, fractional, BODY);
        DailySignatureVerifier later = verifierAt(NOW.plusSeconds(301), WINDOW);

        assertRejected(later.verify(signature, fractional, BODY), Reason.STALE_TIMESTAMP, "is 300.5 s old");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1708972279", "1.7e9", "1708972279.", "0x10", "1708972279 "})
    void rejectsATimestampThatIsNotEpochSecondsWhenTheWindowIsOn(String timestamp) {
        String signature = DailySignatureVerifier.sign(SECRET, timestamp, BODY);

        assertRejected(verifier.verify(signature, timestamp, BODY), Reason.MALFORMED_HEADER,
                "X-Webhook-Timestamp '" + timestamp + "' is not a number of epoch seconds");
    }

    @Test
    void rejectsATimestampBeyondTheRangeOfInstant() {
        String huge = "99999999999999999999999";
        String signature = DailySignatureVerifier.sign(SECRET, huge, BODY);

        assertRejected(verifier.verify(signature, huge, BODY), Reason.MALFORMED_HEADER, "out of range");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void reportsAMissingSignatureHeader(String signature) {
        assertRejected(verifier.verify(signature, TIMESTAMP, BODY), Reason.MISSING_HEADER,
                "Missing X-Webhook-Signature header");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void reportsAMissingTimestampHeader(String timestamp) {
        assertRejected(verifier.verify(PYTHON_SIGNATURE, timestamp, BODY), Reason.MISSING_HEADER,
                "Missing X-Webhook-Timestamp header");
    }

    @Test
    void neverRevealsTheExpectedSignature() {
        Rejected rejected = (Rejected) verifier.verify("wrong", TIMESTAMP, BODY);

        assertThat(rejected.message()).doesNotContain(PYTHON_SIGNATURE);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " \n")
    void aBlankSecretIsAConfigurationError(String secret) {
        assertThatThrownBy(() -> new DailySignatureVerifier(secret, WINDOW, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DAILY_WEBHOOK_SECRET")
                .hasMessageContaining("blank");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh-_", "QUJDR"})
    void anUndecodableSecretIsAConfigurationError(String secret) {
        assertThatThrownBy(() -> new DailySignatureVerifier(secret, WINDOW, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DAILY_WEBHOOK_SECRET")
                .hasMessageContaining("not standard Base64")
                .hasMessageNotContaining(secret);
    }

    @Test
    void toleratesATrailingNewlineAroundTheSecret() {
        DailySignatureVerifier fromSecretsFile = new DailySignatureVerifier(SECRET + "\n", WINDOW,
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(fromSecretsFile.verify(PYTHON_SIGNATURE, TIMESTAMP, BODY).isValid()).isTrue();
    }

    @Test
    void aNegativeWindowIsAConfigurationError() {
        assertThatThrownBy(() -> new DailySignatureVerifier(SECRET, Duration.ofSeconds(-1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("replay window must not be negative");
    }

    private static DailySignatureVerifier verifierAt(Instant now, Duration window) {
        return new DailySignatureVerifier(SECRET, window, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertRejected(SignatureCheck check, Reason reason, String messagePart) {
        assertThat(check.isValid()).isFalse();
        Rejected rejected = (Rejected) check;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.message()).contains(messagePart);
    }
}
