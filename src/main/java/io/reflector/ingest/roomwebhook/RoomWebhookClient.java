package io.reflector.ingest.roomwebhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * POSTs a room webhook and says what came of it; never throws for what the receiver or the network does. Redirects
 * are not followed: the signed POST goes to the configured URL only.
 */
@Component
public class RoomWebhookClient {
    static final int PREVIEW_BYTES = 500;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public AttemptResult post(RoomWebhookRequest request) {
        Optional<URI> target = httpUrl(request.url());
        if (target.isEmpty()) {
            return new AttemptResult.NoAnswer("'" + request.url() + "' is not an http(s) URL", false);
        }
        URI uri = target.get();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                return new AttemptResult.Answered(response.statusCode(),
                        new String(body.readNBytes(PREVIEW_BYTES), StandardCharsets.UTF_8));
            }
        } catch (HttpTimeoutException e) {
            return new AttemptResult.NoAnswer("no answer within " + request.timeout().toSeconds() + " s", true);
        } catch (ConnectException e) {
            return new AttemptResult.NoAnswer("cannot connect to " + uri.getHost() + ":" + port(uri), true);
        } catch (IOException e) {
            return new AttemptResult.NoAnswer(e.getClass().getSimpleName() + ": " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult.NoAnswer("interrupted while sending", true);
        }
    }

    private static Optional<URI> httpUrl(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    }
}
