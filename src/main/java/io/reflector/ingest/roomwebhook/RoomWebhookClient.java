package io.reflector.ingest.roomwebhook;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;

/**
 * POSTs a room webhook and says what came of it; never throws for what the receiver or the network does. Redirects
 * are not followed: the signed POST goes to the configured URL only. The request's timeout bounds the whole
 * exchange, the answer's first {@value #PREVIEW_BYTES} bytes included: a receiver that sends its headers and then
 * stalls is cut off and counts as no answer.
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
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(builder.build(), info -> new Preview());
        String noAnswerInTime = "no answer within " + request.timeout().toSeconds() + " s";
        try {
            HttpResponse<String> response = exchange.get(request.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new AttemptResult.Answered(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            // cancelling the exchange closes its connection
            exchange.cancel(true);
            return new AttemptResult.NoAnswer(noAnswerInTime, true);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return new AttemptResult.NoAnswer(noAnswerInTime, true);
            }
            if (cause instanceof ConnectException) {
                return new AttemptResult.NoAnswer("cannot connect to " + uri.getHost() + ":" + port(uri), true);
            }
            return new AttemptResult.NoAnswer(cause.getClass().getSimpleName() + ": " + cause.getMessage(), true);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new AttemptResult.NoAnswer("interrupted while sending", true);
        }
    }

    /** The first {@value #PREVIEW_BYTES} bytes of an answer as text; the rest is not waited for. */
    private static final class Preview implements HttpResponse.BodySubscriber<String> {
        private final CompletableFuture<String> preview = new CompletableFuture<>();
        private byte[] bytes = new byte[0];
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return preview;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), PREVIEW_BYTES - bytes.length);
                int start = bytes.length;
                bytes = Arrays.copyOf(bytes, start + take);
                buffer.get(bytes, start, take);
            }
            if (bytes.length >= PREVIEW_BYTES) {
                subscription.cancel();
                onComplete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable error) {
            preview.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            preview.complete(new String(bytes, StandardCharsets.UTF_8));
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
