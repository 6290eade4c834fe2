package io.reflector.ingest.transcription;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends one request to the transcription service and sorts the ways it can fail: 5xx, 429, timeouts and connection
 * errors are worth another attempt, any other answer but 2xx is not.
 */
public class TranscriptionClient {
    static final int EXCERPT_CHARS = 300;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /** @return the body of a 2xx answer */
    public byte[] send(HttpRequest request) {
        String target = request.method() + " " + request.uri();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new RetryableTranscriptionException("no answer within " + request.timeout().map(Duration::toSeconds)
                    .map(s -> s + " s").orElse("the timeout") + " to " + target, e);
        } catch (IOException e) {
            throw new RetryableTranscriptionException(target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionException("interrupted during " + target, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response.body();
        }
        String message = "HTTP " + status + " from " + target + ": " + excerpt(response.body());
        if (status == 408 || status == 429 || status >= 500) {
            throw new RetryableTranscriptionException(message);
        }
        throw status / 100 == 4 ? new RejectedTranscriptionException(message) : new TranscriptionException(message);
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() <= EXCERPT_CHARS ? text : text.substring(0, EXCERPT_CHARS) + "…";
    }
}
