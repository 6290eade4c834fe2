package io.reflector.ingest.whereby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
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

class WherebySignatureVerifierTest {

    private static final String SECRET = "whereby-secret";
    private static final long T = 1_700_000_000L;
    private static final Instant NOW = Instant.ofEpochSecond(T);

    /** Pretty-printed, with non-ASCII (incl. an emoji), quotes, a backslash, '/', control escapes and floats. */
    private static final byte[] PRETTY_BODY = resource("participant-joined-pretty.json");
    /**
     * What Reflector signed for that body: Python's {@code json.dumps(json.loads(body), separators=(",", ":"))}.
     * The signature over it was computed with Python's hmac module, independently of this code.
     */
    private static final String PYTHON_COMPACT_SIGNATURE =
            "t=1700000000,v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e";

    private final WherebySignatureVerifier verifier = verifierAt(NOW);

    @Test
    void acceptsASignatureOverTheRawBody() {
        String header = WherebySignatureVerifier.sign(SECRET, T, PRETTY_BODY);

        assertThat(verifier.verify(header, PRETTY_BODY)).isEqualTo(
                new SignatureCheck.Valid(WherebySignatureVerifier.MATCHED_RAW_BODY));
    }

    @Test
    void signsTheRawBodyLikePythonsHmac() {
        assertThat(WherebySignatureVerifier.sign(SECRET, T, PRETTY_BODY))
                .isEqualTo("t=1700000000,v1=c237b2fc3a782b1adea1080d73b6b93315f73d69a9f991f987f0b895dd32ed1a");
    }

    @Test
    void acceptsReflectorsCompactReSerialisationWithNonAsciiEscaped() {
        assertThat(verifier.verify(PYTHON_COMPACT_SIGNATURE, PRETTY_BODY)).isEqualTo(
                new SignatureCheck.Valid(WherebySignatureVerifier.MATCHED_COMPACT_JSON));
    }

    @Test
    void theCompactFormIsAlsoTheRawFormWhenWherebySendsItCompact() {
        byte[] compact = resource("participant-joined-compact.json");

        assertThat(verifier.verify(PYTHON_COMPACT_SIGNATURE, compact)).isEqualTo(
                new SignatureCheck.Valid(WherebySignatureVerifier.MATCHED_RAW_BODY));
    }

    @Test
    void rejectsAnotherSecret() {
        String header = WherebySignatureVerifier.sign("other-secret", T, PRETTY_BODY);

        assertRejected(verifier.verify(header, PRETTY_BODY), Reason.SIGNATURE_MISMATCH,
                "Whereby-Signature v1 matches neither the raw body nor its compact JSON re-serialisation signed with "
                        + "t=1700000000");
    }

    @Test
    void rejectsAnAlteredBodyInEitherForm() {
        byte[] altered = new String(PRETTY_BODY, StandardCharsets.UTF_8).replace("\"numClients\": 2", "\"numClients\": 3")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(verifier.verify(PYTHON_COMPACT_SIGNATURE, altered), Reason.SIGNATURE_MISMATCH, "body was altered");
        assertRejected(verifier.verify(WherebySignatureVerifier.sign(SECRET, T, PRETTY_BODY), altered),
                Reason.SIGNATURE_MISMATCH, "body was altered");
    }

    @Test
    void aBodyThatIsNotJsonCanOnlyMatchRaw() {
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(WherebySignatureVerifier.sign(SECRET, T, notJson), notJson).isValid()).isTrue();
        assertRejected(verifier.verify(PYTHON_COMPACT_SIGNATURE, notJson), Reason.SIGNATURE_MISMATCH, "neither");
    }

    @Test
    void rejectsATimestampMoreThanSixtySecondsOld() {
        String header = WherebySignatureVerifier.sign(SECRET, T - 61, PRETTY_BODY);

        assertRejected(verifier.verify(header, PRETTY_BODY), Reason.STALE_TIMESTAMP,
                "Whereby-Signature t=1699999939 is 61 s old; at most 60 s either way is accepted");
    }

    @Test
    void rejectsATimestampMoreThanSixtySecondsInTheFuture() {
        String header = WherebySignatureVerifier.sign(SECRET, T + 61, PRETTY_BODY);

        assertRejected(verifier.verify(header, PRETTY_BODY), Reason.STALE_TIMESTAMP,
                "Whereby-Signature t=1700000061 is 61 s in the future");
    }

    @Test
    void staleCompactSignaturesAreRejectedToo() {
        assertRejected(verifierAt(NOW.plusSeconds(120)).verify(PYTHON_COMPACT_SIGNATURE, PRETTY_BODY),
                Reason.STALE_TIMESTAMP, "is 120 s old");
    }

    @Test
    void acceptsExactlySixtySecondsEitherWay() {
        assertThat(verifier.verify(WherebySignatureVerifier.sign(SECRET, T - 60, PRETTY_BODY), PRETTY_BODY).isValid())
                .isTrue();
        assertThat(verifier.verify(WherebySignatureVerifier.sign(SECRET, T + 60, PRETTY_BODY), PRETTY_BODY).isValid())
                .isTrue();
    }

    @Test
    void theToleranceIsConfigurable() {
        WherebySignatureVerifier lenient = new WherebySignatureVerifier(SECRET, Duration.ofMinutes(10),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(lenient.verify(WherebySignatureVerifier.sign(SECRET, T - 300, PRETTY_BODY), PRETTY_BODY).isValid())
                .isTrue();
    }

    @Test
    void acceptsAnyOfSeveralV1ValuesAndIgnoresOtherSchemes() {
        String good = WherebySignatureVerifier.sign(SECRET, T, PRETTY_BODY).substring("t=1700000000,".length());
        String header = "t=1700000000, v0=abc, v1=" + "0".repeat(64) + ", " + good;

        assertThat(verifier.verify(header, PRETTY_BODY).isValid()).isTrue();
    }

    @Test
    void acceptsUppercaseHex() {
        String header = WherebySignatureVerifier.sign(SECRET, T, PRETTY_BODY);
        String upper = header.substring(0, header.indexOf("v1=") + 3) + header.substring(header.indexOf("v1=") + 3).toUpperCase();

        assertThat(verifier.verify(upper, PRETTY_BODY).isValid()).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void reportsAMissingHeader(String header) {
        assertRejected(verifier.verify(header, PRETTY_BODY), Reason.MISSING_HEADER, "Missing Whereby-Signature header");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "garbage | 'garbage' is not name=value",
            "v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | no t=<unix seconds>",
            "t=1700000000 | no v1=<hex signature>",
            "t=1700000000,t=1700000001,v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | t is given twice",
            "t=soon,v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | t 'soon' is not a whole number of unix seconds",
            "t=1700000000.5,v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | t '1700000000.5' is not a whole number",
            "t=,v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | t '' is not a whole number",
            "t=99999999999999999999,v1=e246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | t '99999999999999999999' is out of range",
            "t=1700000000,v1=e246 | v1 is 4 characters long, expected 64 hex digits",
            "t=1700000000,v1=z246da3c654c61cf77f895128baa6dcf98a456d18e09c5b052f01fe648af0b9e | v1 is not hexadecimal"})
    void reportsWhatIsMalformedInTheHeader(String headerAndProblem) {
        String header = headerAndProblem.substring(0, headerAndProblem.indexOf(" | "));
        String problem = headerAndProblem.substring(headerAndProblem.indexOf(" | ") + 3);

        assertRejected(verifier.verify(header, PRETTY_BODY), Reason.MALFORMED_HEADER,
                "Whereby-Signature '" + header + "' is malformed: " + problem);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void aBlankSecretIsAConfigurationError(String secret) {
        assertThatThrownBy(() -> new WherebySignatureVerifier(secret, WherebySignatureVerifier.DEFAULT_TOLERANCE,
                Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Whereby webhook secret (WHEREBY_WEBHOOK_SECRET) is blank");
    }

    @Test
    void theSecretIsUsedAsUtf8() {
        String secret = "sécret-ключ";
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WherebySignatureVerifier unicode = new WherebySignatureVerifier(secret, WherebySignatureVerifier.DEFAULT_TOLERANCE,
                Clock.fixed(NOW, ZoneOffset.UTC));

        // Computed with Python: hmac.new("sécret-ключ".encode(), b"1700000000.{}", sha256).hexdigest()
        assertThat(unicode.verify(
                "t=1700000000,v1=37dee4fa7f49a6e24bfa0491ca1966733d793258d1bda0f8816df8e7d96dbb61", body).isValid())
                .isTrue();
    }

    private static WherebySignatureVerifier verifierAt(Instant now) {
        return new WherebySignatureVerifier(SECRET, WherebySignatureVerifier.DEFAULT_TOLERANCE,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static void assertRejected(SignatureCheck check, Reason reason, String messagePart) {
        assertThat(check.isValid()).isFalse();
        Rejected rejected = (Rejected) check;
        assertThat(rejected.reason()).isEqualTo(reason);
        assertThat(rejected.message()).contains(messagePart);
    }

    private static byte[] resource(String name) {
        try (InputStream in = WherebySignatureVerifierTest.class.getResourceAsStream("/whereby/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
