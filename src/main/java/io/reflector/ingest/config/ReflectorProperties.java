package io.reflector.ingest.config;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Every setting of the application; config/application.yaml maps Reflector's environment names onto them. */
@Validated
@ConfigurationProperties("reflector")
public record ReflectorProperties(
        @NotNull Path dataDir,
        @NotBlank(message = "set REFLECTOR_API_KEY: the /v1 API refuses every request without it") String apiKey,
        @Valid Ops ops,
        @Valid Storage storage,
        Queues queues,
        Ffmpeg ffmpeg,
        @Valid Daily daily,
        @Valid Whereby whereby,
        @Valid Pipeline pipeline,
        @Valid Recovery recovery) {

    public record Ops(@NotBlank String username,
                      @NotBlank(message = "set REFLECTOR_OPS_PASSWORD: it protects Hawtio, Jolokia and metrics") String password) {
    }

    public record Storage(@NotBlank String region, String accessKeyId, String secretAccessKey, String endpoint,
                          @NotBlank String transcriptBucket, @NotBlank String wherebyBucket,
                          @NotBlank String dailyBucket) {
        public boolean hasStaticCredentials() {
            return accessKeyId != null && !accessKeyId.isBlank();
        }
    }

    /** The dead-letter queue URLs are only read, to show what landed there (metric and health). */
    public record Queues(String endpoint, String recordingsUrl, String dailyEventsUrl, String recordingsDlqUrl,
                         String dailyEventsDlqUrl) {
    }

    public record Ffmpeg(String ffmpegPath, String ffprobePath) {
    }

    /**
     * @param webhookSecret Base64 HMAC secret registered with Daily; blank refuses every event (fail closed)
     * @param replayWindow  how far X-Webhook-Timestamp may be from now; zero disables the check
     * @param apiKey        blank: participants are named "Speaker N" instead of asking Daily's REST API
     */
    public record Daily(String webhookSecret, @NotNull Duration replayWindow, @Positive int maxBodyBytes,
                       @NotBlank String apiUrl, String apiKey, @NotNull Duration apiTimeout) {
    }

    /**
     * @param webhookSecret WHEREBY_WEBHOOK_SECRET, used as its UTF-8 bytes; blank refuses every event (fail closed)
     */
    public record Whereby(String webhookSecret, @Positive int maxBodyBytes) {
        public boolean hasWebhookSecret() {
            return webhookSecret != null && !webhookSecret.isBlank();
        }
    }

    /**
     * @param trackParallelism   tracks padded at once; 0 = one per core
     * @param commandTimeout     longest a single ffmpeg run may take
     * @param aggregationTimeout longest a recording waits for its tracks before it is marked as failed
     */
    public record Pipeline(@PositiveOrZero int trackParallelism, @NotNull Duration commandTimeout,
                           @NotNull Duration aggregationTimeout) {
        public int effectiveTrackParallelism() {
            return trackParallelism > 0 ? trackParallelism : Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * @param lease         how long a run stays claimed without its instance renewing it; past it, the run is lost
     * @param heartbeat     how often a live instance renews the leases of its runs; well under the lease
     * @param sweepPeriod   how often the database is searched for runs to recover
     * @param backoff       wait before the first recovery of a failed run; doubles with every further attempt
     * @param maxAttempts   recovery runs after which a transcript stays in error until reprocessed by hand
     * @param idleGrace     how long a registered recording may wait for its first run before the sweep starts it
     */
    public record Recovery(@NotNull Duration lease, @NotNull Duration heartbeat, @NotNull Duration sweepPeriod,
                           @NotNull Duration backoff, @PositiveOrZero int maxAttempts, @NotNull Duration idleGrace) {
        public Recovery {
            if (heartbeat != null && lease != null && heartbeat.multipliedBy(2).compareTo(lease) > 0) {
                throw new IllegalArgumentException("reflector.recovery.heartbeat (" + heartbeat
                        + ") must be at most half of reflector.recovery.lease (" + lease + ")");
            }
        }
    }
}
