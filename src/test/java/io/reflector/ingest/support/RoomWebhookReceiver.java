package io.reflector.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A customer's receiver of room webhooks: a real HTTP server that checks {@code X-Webhook-Signature} the way spec
 * §9.4 tells receivers to (its own HMAC code, not the application's signer: {@code t=<unix s>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<body>")>}, at most five minutes old), records every request and answers as scripted.
 * Each test takes its own endpoint, so all test classes share one server.
 */
public final class RoomWebhookReceiver {
    public static final RoomWebhookReceiver INSTANCE = start();
    private static final Pattern SIGNATURE = Pattern.compile("t=(\\d+),v1=([0-9a-f]{64})");
    private static final long TOLERANCE_SECONDS = 300;
    private static final int STALL = -1;
    private static final long STALL_MILLIS = 60_000;

    public enum Signature { VALID, INVALID, ABSENT }

    /** @param headers first value of each header, by lower-case name */
    public record Request(Map<String, String> headers, String body, Signature signature) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    private RoomWebhookReceiver(HttpServer server) {
        this.server = server;
    }

    private static RoomWebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            RoomWebhookReceiver receiver = new RoomWebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newCachedThreadPool());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param secret the room's webhook secret, null for a room whose webhooks are unsigned */
    public Endpoint endpoint(String secret) {
        Endpoint endpoint = new Endpoint("/hooks/" + UUID.randomUUID(), secret);
        endpoints.put(endpoint.path, endpoint);
        return endpoint;
    }

    public final class Endpoint {
        private final String path;
        private final String secret;
        /** Scripted statuses; {@link #STALL} sends 200's headers and then nothing. */
        private final Queue<Integer> script = new ConcurrentLinkedQueue<>();
        private final List<Request> received = new CopyOnWriteArrayList<>();

        private Endpoint(String path, String secret) {
            this.path = path;
            this.secret = secret;
        }

        public String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        /** The next requests are answered with these statuses, in order; 200 once they are used up. */
        public Endpoint answering(int... statuses) {
            for (int status : statuses) {
                script.add(status);
            }
            return this;
        }

        /** The next request is answered with 200's headers and a first byte, and then nothing for a minute. */
        public Endpoint stallingAfterHeaders() {
            script.add(STALL);
            return this;
        }

        public List<Request> received() {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Endpoint endpoint = endpoints.get(exchange.getRequestURI().getPath());
            if (endpoint == null || !"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            endpoint.received.add(new Request(Map.copyOf(headers), new String(body, StandardCharsets.UTF_8),
                    signature(endpoint.secret, headers.get("x-webhook-signature"), body)));
            Integer scripted = endpoint.script.poll();
            if (scripted != null && scripted == STALL) {
                stall(exchange);
                return;
            }
            int status = scripted == null ? 200 : scripted;
            byte[] answer = (status < 300 ? "ok" : "scripted failure " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** Headers and one byte of a chunked body, then a wait the client cuts short by closing the connection. */
    private static void stall(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        exchange.getResponseBody().write('o');
        exchange.getResponseBody().flush();
        try {
            Thread.sleep(STALL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Signature signature(String secret, String header, byte[] body) {
        if (header == null) {
            return Signature.ABSENT;
        }
        Matcher parts = SIGNATURE.matcher(header);
        if (secret == null || !parts.matches()
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(parts.group(1))) > TOLERANCE_SECONDS) {
            return Signature.INVALID;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((parts.group(1) + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, parts.group(2).getBytes(StandardCharsets.US_ASCII))
                    ? Signature.VALID : Signature.INVALID;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
