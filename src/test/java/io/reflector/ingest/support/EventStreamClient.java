package io.reflector.ingest.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A server-sent events client as a browser's EventSource is one: reads {@code id:} and {@code data:} lines into
 * events, noting when each arrived. Closing it drops the connection.
 */
public final class EventStreamClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param receivedNanos {@link System#nanoTime()} when its blank line was read */
    public record Received(String id, JsonNode data, long receivedNanos) {
        public String event() {
            return data.path("event").asText();
        }
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Received> events = new LinkedBlockingQueue<>();
    private final Thread reader;

    private EventStreamClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        this.reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens the stream; headers as name, value pairs (Authorization, Last-Event-ID). */
    public static EventStreamClient open(String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new EventStreamClient(HttpClient.newHttpClient().send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int status() {
        return response.statusCode();
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The body of a refused stream. */
    public String errorBody() throws IOException {
        return new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The next event, waiting at most the limit; fails when none came. */
    public Received next(Duration limit) {
        try {
            Received event = events.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + limit);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next events until one is named {@code event}, that one included. */
    public List<Received> until(String event, Duration limit) {
        List<Received> received = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        do {
            received.add(next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        } while (!received.get(received.size() - 1).event().equals(event));
        return received;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Received(id, JSON.readTree(data.toString()), System.nanoTime()));
                    }
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
        reader.interrupt();
    }
}
