package io.reflector.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TimestampedHmacTest {

    @Test
    void macsTheTimestampADotAndTheBody() {
        byte[] mac = TimestampedHmac.compute("key".getBytes(StandardCharsets.UTF_8), "123",
                "abc".getBytes(StandardCharsets.UTF_8));

        // printf '123.abc' | openssl dgst -sha256 -hmac key
        assertThat(HexFormat.of().formatHex(mac))
                .isEqualTo("866dae5dc37d611a508f55d48b5ddc6fe63560c4282fe98da90499abad1155c2");
    }

    @Test
    void refusesAnEmptyKeyWithAClearMessage() {
        assertThatThrownBy(() -> TimestampedHmac.compute(new byte[0], "1", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HMAC key is empty");
    }
}
