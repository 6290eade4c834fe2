package io.reflector.ingest.config;

import java.nio.file.Path;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

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
        Ffmpeg ffmpeg) {

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

    public record Queues(String endpoint, String recordingsUrl) {
    }

    public record Ffmpeg(String ffmpegPath, String ffprobePath) {
    }
}
