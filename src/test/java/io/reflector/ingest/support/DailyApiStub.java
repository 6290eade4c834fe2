package io.reflector.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server speaking the part of Daily's REST API we call: {@code GET /recordings/{id}} and
 * {@code GET /meetings/{session}/participants?limit&joined_after} (pages ordered by join, 404 past the end is
 * also accepted by us), behind a bearer key. Tests tell it which recordings and participants exist.
 */
public final class DailyApiStub {
    public static final String API_KEY = "test-daily-api-key";
    public static final DailyApiStub INSTANCE = start();
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Participant(String participantId, String userName, String userId) {
    }

    private final HttpServer server;
    private final Map<String, String> sessionsByRecording = new ConcurrentHashMap<>();
    private final Map<String, List<Participant>> participantsBySession = new ConcurrentHashMap<>();

    private DailyApiStub(HttpServer server) {
        this.server = server;
    }

    private static DailyApiStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            DailyApiStub stub = new DailyApiStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void recording(String recordingId, String meetingSessionId, List<Participant> participants) {
        sessionsByRecording.put(recordingId, meetingSessionId);
        participantsBySession.put(meetingSessionId, List.copyOf(participants));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, Map.of("error", "authentication-error"));
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.length == 3 && path[1].equals("recordings") && sessionsByRecording.containsKey(path[2])) {
                reply(exchange, 200, Map.of("id", path[2], "mtgSessionId", sessionsByRecording.get(path[2]),
                        "status", "finished"));
            } else if (path.length == 4 && path[1].equals("meetings") && path[3].equals("participants")
                    && participantsBySession.containsKey(path[2])) {
                reply(exchange, 200, Map.of("data", page(participantsBySession.get(path[2]), query)));
            } else {
                reply(exchange, 404, Map.of("error", "not-found"));
            }
        }
    }

    private static List<Map<String, Object>> page(List<Participant> all, Map<String, String> query) {
        int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
        int from = 0;
        if (query.containsKey("joined_after")) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).participantId().equals(query.get("joined_after"))) {
                    from = i + 1;
                }
            }
        }
        return all.subList(Math.min(from, all.size()), Math.min(from + limit, all.size())).stream()
                .map(p -> {
                    Map<String, Object> row = new java.util.HashMap<>();
                    row.put("participant_id", p.participantId());
                    row.put("user_name", p.userName());
                    row.put("user_id", p.userId());
                    row.put("join_time", 1_700_000_000);
                    row.put("duration", 60);
                    return row;
                })
                .toList();
    }

    private static Map<String, String> query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(raw.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1
                        ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
