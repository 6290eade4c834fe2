package io.reflector.ingest.transcription;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import io.reflector.ingest.config.ReflectorProperties;

/** Where the transcription service is, the key it wants and how long a request may take. */
record TranscriptionService(String baseUrl, String apiKey, Duration timeout) {

    static TranscriptionService of(ReflectorProperties.Transcription settings) {
        String url = settings.url() == null ? "" : settings.url().strip().replaceAll("/+$", "");
        return new TranscriptionService(url, settings.apiKey(), settings.fileTimeout());
    }

    /** A request to {@code path} under the base URL, with the bearer key when there is one. */
    HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (apiKey != null && !apiKey.isBlank()) {
            builder.header("Authorization", "Bearer " + apiKey);
        }
        return builder;
    }
}
