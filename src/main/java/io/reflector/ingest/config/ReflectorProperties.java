package io.reflector.ingest.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
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
        @Valid Recovery recovery,
        @Valid Transcription transcription,
        @NotBlank String uiBaseUrl,
        @Valid Consent consent,
        @Valid RoomWebhook roomWebhook) {

    /** @param healthCheckInterval how long a health answer about S3 and SQS is reused before they are asked again */
    public record Ops(@NotBlank String username,
                      @NotBlank(message = "set REFLECTOR_OPS_PASSWORD: it protects Hawtio, Jolokia and metrics") String password,
                      @NotNull Duration healthCheckInterval) {
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

    /**
     * @param niceness added to every ffmpeg's scheduling niceness (0 to 19): the webhooks' answers come first
     */
    public record Ffmpeg(String ffmpegPath, int niceness) {
    }

    /**
     * @param webhookSecret Base64 HMAC secret registered with Daily; blank refuses every event (fail closed)
     * @param replayWindow  how far X-Webhook-Timestamp may be from now; zero disables the check
     * @param apiKey        blank: participants are named "Speaker N" instead of asking Daily's REST API, and the
     *                      backstop (recordings poller, webhook watchdog) is off
     * @param pollPeriod    how often the recordings Daily lists are compared with ours (spec 2.9)
     * @param inProgressLimit how long a recording Daily lists as in progress may hold the poller's cursor; older,
     *                      it is given up on, so one recording that never finishes cannot stall the poller
     * @param webhookCheckPeriod how often the state of the Daily webhooks is checked
     */
    public record Daily(String webhookSecret, @NotNull Duration replayWindow, @Positive int maxBodyBytes,
                       @NotBlank String apiUrl, String apiKey, @NotNull Duration apiTimeout,
                       @NotNull Duration pollPeriod, @NotNull Duration inProgressLimit,
                       @NotNull Duration webhookCheckPeriod) {
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
     * @param concurrentRecordings recordings this instance runs at once, taken from the shared run queue only while
     *                           it has a free slot; 0 = one per two cores (at least one)
     * @param queuePollPeriod    how often a free slot looks for a queued run
     * @param stopGrace          on stop, how long running recordings may take to finish before they are handed
     *                           back to the queue for another instance
     */
    public record Pipeline(@PositiveOrZero int trackParallelism, @NotNull Duration commandTimeout,
                           @PositiveOrZero int concurrentRecordings,
                           @NotNull Duration queuePollPeriod, @NotNull Duration stopGrace) {
        /**
         * Unset: four per core. Copying a track's packets costs little CPU; its time goes into the transfers from and
         * to S3, which overlap well (a track ffmpeg must pad is the exception, and rare).
         */
        public int effectiveTrackParallelism() {
            return trackParallelism > 0 ? trackParallelism : 4 * Runtime.getRuntime().availableProcessors();
        }

        public int effectiveConcurrentRecordings() {
            return concurrentRecordings > 0 ? concurrentRecordings
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
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

    /**
     * @param backend     modal: Reflector's GPU service, which fetches a presigned URL of each padded track; openai:
     *                    an OpenAI-compatible {@code /v1/audio/transcriptions}, to which each padded track is uploaded;
     *                    whisper (Reflector's default, its in-process model): not configured, said at startup
     * @param url         the service's base URL; blank: transcription is not configured, and recordings end with
     *                    their audio outputs and {@code transcription = not_configured}
     * @param apiKey      bearer token, sent when set
     * @param fileTimeout longest one request may take; a bare number is seconds, as in Reflector
     * @param language    the source language sent with every track
     * @param model       the model asked of an OpenAI-compatible service
     * @param parallelism tracks at the service at once
     * @param urlExpiry   validity of the presigned URL handed to the modal backend
     * @param maxAttempts attempts per track when the service answers 5xx or 429, times out or cannot be reached
     * @param retryDelay  delay before the first retry, doubled before each further one
     */
    public record Transcription(@NotNull Backend backend, String url, String apiKey,
                                @NotNull @DurationUnit(ChronoUnit.SECONDS) Duration fileTimeout,
                                @NotBlank String language, @NotBlank String model, @Positive int parallelism,
                                @NotNull Duration urlExpiry, @Positive int maxAttempts, @NotNull Duration retryDelay) {
        /** WHISPER is Reflector's in-process model, its default; not available here, so it means "none". */
        public enum Backend { MODAL, OPENAI, WHISPER }

        public boolean isConfigured() {
            return url != null && !url.isBlank() && backend != Backend.WHISPER;
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
