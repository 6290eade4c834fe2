package io.reflector.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomWebhookSignerTest {

    private static final String SECRET = "whsec_room-secret";
    private static final byte[] BODY = "{\"event\":\"transcript.completed\",\"event_id\":\"0123456789abcdef0123456789abcdef\"}"
            .getBytes(StandardCharsets.UTF_8);

    /**
     * Computed outside Java: {@code printf '1760000000.%s' "$BODY" | openssl dgst -sha256 -hmac whsec_room-secret},
     * cross-checked with Python's hmac module.
     */
    private static final String EXPECTED =
            "t=1760000000,v1=e955b0ac78a31ff028a111ffa925076650e3493b1116d8b47d20c2b587e71134";

    @Test
    void matchesAHandComputedVector() {
        assertThat(RoomWebhookSigner.signatureHeader(SECRET, 1_760_000_000L, BODY)).isEqualTo(EXPECTED);
    }

    @Test
    void keysWithTheUtf8BytesOfTheSecret() {
        // Python: hmac.new("sécret-ключ".encode(), b"1700000000.{}", sha256).hexdigest()
        assertThat(RoomWebhookSigner.signatureHeader("sécret-ключ", 1_700_000_000L, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("t=1700000000,v1=37dee4fa7f49a6e24bfa0491ca1966733d793258d1bda0f8816df8e7d96dbb61");
    }

    @Test
    void signsTheExactBytesSoAnyReSerialisationChangesTheSignature() {
        byte[] pretty = "{\"event\": \"transcript.completed\", \"event_id\": \"0123456789abcdef0123456789abcdef\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(RoomWebhookSigner.signatureHeader(SECRET, 1_760_000_000L, pretty)).isNotEqualTo(EXPECTED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = " ")
    void refusesToSignWithABlankSecret(String secret) {
        assertThatThrownBy(() -> RoomWebhookSigner.signatureHeader(secret, 1L, BODY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Room webhook secret is blank");
    }
}
