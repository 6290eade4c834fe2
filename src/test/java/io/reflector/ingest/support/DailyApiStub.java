package io.reflector.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server speaking the part of Daily's REST API we call, behind a bearer key:
 * <ul>
 * <li>{@code GET /recordings/{id}} and {@code GET /meetings/{session}/participants?limit&joined_after} (pages ordered
 * by join, 404 past the end is also accepted by us);</li>
 * <li>{@code GET /recordings?limit&starting_after&ending_before}: {@code {total_count, data}}, newest first, as
 * Daily's pagination reference describes it: at most 100 a page; {@code starting_after} = the page right after
 * that recording (older ones), {@code ending_before} = the page right before it (newer ones), {@code OLDEST} = the
 * oldest page. An id it does not know is answered 400, as Daily answers bad parameter values;</li>
 * <li>{@code GET /webhooks}: a plain array with the domain's one webhook, whose state tests set, or 503.</li>
 * </ul>
 * Tests tell it which recordings, participants and webhook state exist; it remembers the queries of the recording
 * list.
 */
public final class DailyApiStub {
    public static final String API_KEY = "test-daily-api-key";
    public static final DailyApiStub INSTANCE = start();
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Participant(String participantId, String userName, String userId) {
    }

    /**
     * A recording in Daily's list: raw-tracks when it has tracks, cloud (s3key only) when {@code tracks} is null.
     *
     * @param status {@code finished}, {@code in-progress} or {@code canceled}
     */
    public record ListedRecording(String id, String roomName, long startTs, String status, String s3key,
                                  List<Track> tracks) {
        public ListedRecording withStatus(String newStatus) {
            return new ListedRecording(id, roomName, startTs, newStatus, s3key, tracks);
        }
    }

    /** @param type {@code audio} or {@code video} */
    public record Track(String type, String s3Key, long size) {
    }

    public static final String WEBHOOK_UUID = "6a0e9cb1-5b8c-4b0e-9a57-2c0f3f1d2a11";
    private static final int MAX_PAGE = 100;

    private final HttpServer server;
    private final Map<String, String> sessionsByRecording = new ConcurrentHashMap<>();
    private final Map<String, List<Participant>> participantsBySession = new ConcurrentHashMap<>();
    /** Oldest first, the order of creation. */
    private final List<ListedRecording> listed = new ArrayList<>();
    private final List<Map<String, String>> listQueries = new CopyOnWriteArrayList<>();
    private volatile String webhookState = "ACTIVE";
    private volatile int webhookFailedCount;
    private volatile boolean webhooksUnavailable;

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

    /** Adds recordings to Daily's list, newer than every one already there, in the order given. */
    public synchronized void list(ListedRecording... recordings) {
        listed.addAll(List.of(recordings));
    }

    /** Changes a listed recording in place, where it sits in the list (Daily sorts by creation, not by change). */
    public synchronized void update(ListedRecording recording) {
        for (int i = 0; i < listed.size(); i++) {
            if (listed.get(i).id().equals(recording.id())) {
                listed.set(i, recording);
                return;
            }
        }
        throw new IllegalArgumentException("recording " + recording.id() + " is not listed");
    }

    /** The query parameters of every {@code GET /recordings} so far, oldest first. */
    public List<Map<String, String>> listQueries() {
        return List.copyOf(listQueries);
    }

    public void webhook(String state, int failedCount) {
        webhookState = state;
        webhookFailedCount = failedCount;
    }

    /** While set, {@code GET /webhooks} answers 503, as during an outage at Daily. */
    public void webhooksUnavailable(boolean unavailable) {
        webhooksUnavailable = unavailable;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, Map.of("error", "authentication-error"));
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.length == 2 && path[1].equals("recordings")) {
                listQueries.add(query);
                recordingsPage(exchange, query);
            } else if (path.length == 2 && path[1].equals("webhooks") && webhooksUnavailable) {
                reply(exchange, 503, Map.of("error", "server-error"));
            } else if (path.length == 2 && path[1].equals("webhooks")) {
                reply(exchange, 200, List.of(webhookJson()));
            } else if (path.length == 3 && path[1].equals("recordings") && listedById(path[2]) != null) {
                Map<String, Object> recording = recordingJson(listedById(path[2]));
                recording.put("mtgSessionId", sessionsByRecording.get(path[2]));
                reply(exchange, 200, recording);
            } else if (path.length == 3 && path[1].equals("recordings") && sessionsByRecording.containsKey(path[2])) {
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

    private void recordingsPage(HttpExchange exchange, Map<String, String> query) throws IOException {
        List<ListedRecording> newestFirst;
        synchronized (this) {
            newestFirst = new ArrayList<>(listed);
        }
        Collections.reverse(newestFirst);
        int limit = Math.min(Integer.parseInt(query.getOrDefault("limit", "100")), MAX_PAGE);
        int from;
        int to;
        if (query.containsKey("starting_after")) {
            int after = indexOf(newestFirst, query.get("starting_after"));
            if (after < 0) {
                reply(exchange, 400, Map.of("error", "invalid-request-error", "info", "unknown starting_after"));
                return;
            }
            from = after + 1;
            to = Math.min(from + limit, newestFirst.size());
        } else if (query.containsKey("ending_before")) {
            String before = query.get("ending_before");
            to = "OLDEST".equals(before) ? newestFirst.size() : indexOf(newestFirst, before);
            if (to < 0) {
                reply(exchange, 400, Map.of("error", "invalid-request-error", "info", "unknown ending_before"));
                return;
            }
            from = Math.max(0, to - limit);
        } else {
            from = 0;
            to = Math.min(limit, newestFirst.size());
        }
        List<Map<String, Object>> data = newestFirst.subList(Math.min(from, to), to).stream()
                .map(DailyApiStub::recordingJson).toList();
        reply(exchange, 200, Map.of("total_count", newestFirst.size(), "data", data));
    }

    private synchronized ListedRecording listedById(String id) {
        return listed.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }

    private static int indexOf(List<ListedRecording> recordings, String id) {
        for (int i = 0; i < recordings.size(); i++) {
            if (recordings.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Daily's recording object; {@code duration} only once it is not in progress, {@code type} never. */
    private static Map<String, Object> recordingJson(ListedRecording recording) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", recording.id());
        json.put("room_name", recording.roomName());
        json.put("start_ts", recording.startTs());
        json.put("status", recording.status());
        json.put("max_participants", recording.tracks() == null ? 1 : recording.tracks().size());
        if (!"in-progress".equals(recording.status())) {
            json.put("duration", 60);
        }
        json.put("share_token", null);
        json.put("s3key", recording.s3key());
        json.put("mtgSessionId", null);
        json.put("s3", Map.of("bucket_name", "reflector-dailyco-recordings", "bucket_region", "us-east-1",
                "key", recording.s3key()));
        json.put("tracks", recording.tracks() == null ? null : recording.tracks().stream()
                .map(t -> Map.of("type", t.type(), "s3Key", t.s3Key(), "size", t.size())).toList());
        return json;
    }

    private Map<String, Object> webhookJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", WEBHOOK_UUID);
        json.put("url", "https://reflector.example/v1/daily/webhook");
        json.put("hmac", "redacted");
        json.put("basicAuth", null);
        json.put("retryType", "circuit-breaker");
        json.put("eventTypes", List.of("participant.joined", "participant.left", "recording.started",
                "recording.ready-to-download", "recording.error"));
        json.put("state", webhookState);
        json.put("failedCount", webhookFailedCount);
        json.put("lastMomentPushed", "2026-01-15T12:00:00.000Z");
        json.put("domainId", "0b5e6c47-3a5e-4bd4-8f44-9c1f0f6a9e21");
        json.put("createdAt", "2026-01-01T00:00:00.000Z");
        json.put("updatedAt", "2026-01-15T12:00:00.000Z");
        return json;
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
