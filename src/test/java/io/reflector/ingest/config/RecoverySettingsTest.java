package io.reflector.ingest.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RecoverySettingsTest {

    @Test
    void aHeartbeatThatCouldLetLiveLeasesExpireIsRefused() {
        assertThatThrownBy(() -> new ReflectorProperties.Recovery(Duration.ofMinutes(2), Duration.ofSeconds(90),
                Duration.ofMinutes(1), Duration.ofMinutes(5), 5, Duration.ofMinutes(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reflector.recovery.heartbeat (PT1M30S) must be at most half of reflector.recovery.lease (PT2M)");
    }
}
