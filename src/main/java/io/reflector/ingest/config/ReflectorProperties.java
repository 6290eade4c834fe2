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
        @NotBlank String uiBaseUrl,
        @Valid Consent consent,
        @Valid RoomWebhook roomWebhook) {

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

    /** @param cleanupPeriod how often refused meetings are looked for; a failed cleanup is retried on the next */
    public record Consent(@NotNull Duration cleanupPeriod) {
    }

    /**
     * The transcript.completed webhook of a room (spec §9.4).
     *
     * @param deliveryPeriod  how often due deliveries are looked for
     * @param timeout         longest one attempt may take
     * @param firstRetryDelay back-off after the first failed attempt, doubled after each further one
     * @param maxRetryDelay   the back-off's ceiling
     * @param giveUpAfter     no retry later than this after the completion (or a manual replay)
     */
    public record RoomWebhook(@NotNull Duration deliveryPeriod, @NotNull Duration timeout,
                              @NotNull Duration firstRetryDelay, @NotNull Duration maxRetryDelay,
                              @NotNull Duration giveUpAfter) {
    }
}
