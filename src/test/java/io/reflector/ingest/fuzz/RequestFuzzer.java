package io.reflector.ingest.fuzz;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.reflector.ingest.daily.DailySignatureVerifier;
import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.WherebyWebhooks;
import io.reflector.ingest.whereby.WherebySignatureVerifier;

/**
 * Generates request number {@code i} from {@code seed + i} alone, so any failing request can be rebuilt by its number:
 * malformed, truncated and mistyped bodies, text PostgreSQL cannot store, deep nesting, odd content types, methods,
 * paths and headers, against both webhooks (signed and unsigned) and the API (with and without the key).
 */
final class RequestFuzzer {
    /** Event ids of well-formed, correctly signed Daily events start with this, so the test can find their rows. */
    static final String EVENT_PREFIX = "fuzz-";

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/x-www-form-urlencoded", "text/plain", "text/plain; charset=ISO-8859-1",
            "multipart/form-data; boundary=xyz", "application/octet-stream", "application/json; charset=utf-16",
            "application/xml", "??", "");
    private static final List<String> METHODS = List.of("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");
    private static final List<String> DAILY_TYPES = List.of("participant.joined", "participant.left",
            "recording.started", "recording.ready-to-download", "recording.error", "meeting.started", "x");
    private static final List<String> DAILY_FIELDS = List.of("room", "room_name", "session_id", "user_id",
            "user_name", "joined_at", "duration", "recording_id", "start_ts", "type", "tracks", "error_msg",
            "timestamp", "action", "s3Key", "size");
    private static final List<String> WHEREBY_TYPES = List.of("room.client.joined", "room.client.left",
            "room.session.started", "x");
    private static final List<String> API_PATHS = List.of("/v1/rooms", "/v1/meetings", "/v1/transcripts",
            "/v1/transcripts/{}", "/v1/transcripts/{}/process", "/v1/recordings/{}", "/v1/meetings/{}/consent",
            "/v1/rooms/{}/webhook-deliveries", "/v1/webhook-deliveries/{}/retry", "/v1/rooms/{}/webhook/test",
            "/v1/{}", "/v1/daily/{}", "/v1/rooms/{}/{}");
    private static final List<String> API_FIELDS = List.of("name", "platform", "user_id", "webhook_url",
            "webhook_secret", "id", "room_name", "room_id", "start_date", "end_date", "consent_given");
    private static final List<String> QUERY_NAMES = List.of("status", "limit", "room_id", "cursor", "x");
    private static final List<String> ACCEPTS = List.of("application/json", "*/*", "text/html", "image/png",
            "application/xml", "garbage");

    private final long seed;
    private final String base;

    RequestFuzzer(long seed, int port) {
        this.seed = seed;
        this.base = "http://127.0.0.1:" + port;
    }

    /** What request {@code i} is, and whether it is a well-formed signed Daily event that must be stored. */
    record Generated(HttpRequest request, String description) {
    }

    Generated request(int i) {
        Random random = new Random(seed + i);
        int kind = random.nextInt(100);
        if (kind < 35) {
            return daily(i, random);
        }
        if (kind < 60) {
            return whereby(i, random);
        }
        return api(random);
    }

    private Generated daily(int i, Random random) {
        byte[] body = switch (random.nextInt(8)) {
            case 0 -> randomBytes(random);
            case 1 -> truncate(random, dailyEvent(i, random));
            case 2 -> nested(random);
            case 3 -> "{\"test\":\"test\"}".getBytes(StandardCharsets.UTF_8);
            default -> dailyEvent(i, random);
        };
        HttpRequest.Builder builder = webhook(random, DailyWebhooks.PATH, body);
        String timestamp = String.valueOf(Instant.now().getEpochSecond() - (random.nextInt(10) == 0 ? 3600 : 0));
        switch (random.nextInt(5)) {
            case 0 -> { }
            case 1 -> builder.header(DailySignatureVerifier.SIGNATURE_HEADER, text(random))
                    .header(DailySignatureVerifier.TIMESTAMP_HEADER, random.nextBoolean() ? timestamp : text(random));
            default -> builder.header(DailySignatureVerifier.SIGNATURE_HEADER,
                            DailySignatureVerifier.sign(DailyWebhooks.DEV_SECRET, timestamp, body))
                    .header(DailySignatureVerifier.TIMESTAMP_HEADER, timestamp);
        }
        return new Generated(builder.build(), "daily #" + i + " " + preview(body));
    }

    private Generated whereby(int i, Random random) {
        byte[] body = switch (random.nextInt(7)) {
            case 0 -> randomBytes(random);
            case 1 -> truncate(random, wherebyEvent(random));
            case 2 -> nested(random);
            default -> wherebyEvent(random);
        };
        HttpRequest.Builder builder = webhook(random, WherebyWebhooks.PATH, body);
        long now = Instant.now().getEpochSecond() - (random.nextInt(10) == 0 ? 600 : 0);
        switch (random.nextInt(5)) {
            case 0 -> { }
            case 1 -> builder.header(WherebySignatureVerifier.SIGNATURE_HEADER, text(random));
            default -> builder.header(WherebySignatureVerifier.SIGNATURE_HEADER,
                    WherebySignatureVerifier.sign(WherebyWebhooks.DEV_SECRET, now, body));
        }
        return new Generated(builder.build(), "whereby #" + i + " " + preview(body));
    }

    private HttpRequest.Builder webhook(Random random, String path, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        String contentType = pick(random, CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            builder.header("Content-Type", contentType);
        }
        if (random.nextInt(20) == 0) {
            return builder.method(pick(random, METHODS), HttpRequest.BodyPublishers.noBody());
        }
        return builder.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private Generated api(Random random) {
        String path = pick(random, API_PATHS);
        while (path.contains("{}")) {
            path = path.replaceFirst("\\{}", pathSegment(random));
        }
        StringBuilder uri = new StringBuilder(base).append(path);
        int parameters = random.nextInt(3);
        for (int p = 0; p < parameters; p++) {
            uri.append(p == 0 ? '?' : '&').append(pick(random, QUERY_NAMES)).append('=')
                    .append(percentEncoded(random.nextBoolean() ? String.valueOf(random.nextInt(3000) - 1000) : text(random)));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(30));
        if (random.nextInt(8) != 0) {
            builder.header("Authorization", "Bearer " + Http.API_KEY);
        } else if (random.nextBoolean()) {
            builder.header("Authorization", text(random).replaceAll("[^\\x20-\\x7e]", "x"));
        }
        if (random.nextInt(4) == 0) {
            builder.header("Accept", pick(random, ACCEPTS));
        }
        String contentType = pick(random, CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            builder.header("Content-Type", contentType);
        }
        String method = random.nextInt(3) == 0 ? "GET" : random.nextInt(6) == 0 ? pick(random, METHODS) : "POST";
        byte[] body = switch (random.nextInt(6)) {
            case 0 -> randomBytes(random);
            case 1 -> nested(random);
            case 2 -> truncate(random, apiBody(random));
            default -> apiBody(random);
        };
        boolean hasBody = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
        builder.method(method, hasBody ? HttpRequest.BodyPublishers.ofByteArray(body) : HttpRequest.BodyPublishers.noBody());
        return new Generated(builder.build(), method + " " + uri.substring(base.length()) + " " + preview(body));
    }

    private byte[] dailyEvent(int i, Random random) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"version\":").append(random.nextInt(8) == 0 ? value(random, 0) : "\"1.0.0\"");
        json.append(",\"type\":").append(random.nextInt(8) == 0 ? value(random, 0) : quoted(pick(random, DAILY_TYPES)));
        json.append(",\"id\":").append(random.nextInt(8) == 0 ? value(random, 0)
                : quoted(EVENT_PREFIX + i + "-" + (random.nextInt(6) == 0 ? text(random) : "x")));
        json.append(",\"payload\":").append(random.nextInt(8) == 0 ? value(random, 0) : object(random, DAILY_FIELDS));
        json.append(",\"event_ts\":").append(random.nextInt(8) == 0 ? value(random, 0)
                : String.valueOf(Instant.now().getEpochSecond() + random.nextInt(1000) - 500));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] wherebyEvent(Random random) {
        String data = random.nextInt(8) == 0 ? value(random, 0)
                : "{\"meetingId\":" + (random.nextInt(4) == 0 ? value(random, 0) : quoted(text(random)))
                  + ",\"roomName\":" + value(random, 0)
                  + ",\"numClients\":" + (random.nextInt(3) == 0 ? value(random, 0) : String.valueOf(random.nextInt(50) - 5))
                  + "}";
        return ("{\"apiVersion\":\"1.0\",\"id\":" + (random.nextInt(8) == 0 ? value(random, 0)
                : quoted(EVENT_PREFIX + UUID.nameUUIDFromBytes(longBytes(random.nextLong())) + text(random)))
                + ",\"createdAt\":" + quoted(Instant.now().toString())
                + ",\"type\":" + (random.nextInt(8) == 0 ? value(random, 0) : quoted(pick(random, WHEREBY_TYPES)))
                + ",\"data\":" + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] apiBody(Random random) {
        return object(random, API_FIELDS).getBytes(StandardCharsets.UTF_8);
    }

    private String object(Random random, List<String> fields) {
        StringBuilder json = new StringBuilder("{");
        int count = random.nextInt(fields.size() + 1);
        for (int f = 0; f < count; f++) {
            if (f > 0) {
                json.append(',');
            }
            String name = random.nextInt(15) == 0 ? text(random) : pick(random, fields);
            json.append(quoted(name)).append(':').append(fieldValue(random, name));
        }
        return json.append('}').toString();
    }

    /** Mostly a plausible value for the field, often of the wrong type or unstorable. */
    private String fieldValue(Random random, String name) {
        if (random.nextInt(3) == 0) {
            return value(random, 0);
        }
        return switch (name) {
            case "platform" -> quoted(random.nextBoolean() ? "daily" : "whereby");
            case "start_date", "end_date", "joined_at", "timestamp" -> random.nextBoolean()
                    ? quoted(Instant.ofEpochSecond(random.nextLong(-100_000_000_000_000L, 100_000_000_000_000L)).toString())
                    : String.valueOf(random.nextLong());
            case "start_ts", "duration", "size" -> random.nextBoolean() ? String.valueOf(random.nextLong())
                    : "1e" + random.nextInt(400);
            case "consent_given" -> String.valueOf(random.nextBoolean());
            case "webhook_url" -> quoted(random.nextBoolean() ? "http://127.0.0.1:9/" + text(random) : text(random));
            case "tracks" -> "[" + object(random, DAILY_FIELDS) + "," + object(random, DAILY_FIELDS) + "]";
            case "name" -> quoted(random.nextBoolean() ? "room-" + random.nextInt(1000) : text(random));
            default -> quoted(text(random));
        };
    }

    private String value(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextBoolean());
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> random.nextBoolean() ? "1e309" : "-0.0000000000000000000001";
            case 4, 5 -> quoted(text(random));
            case 6 -> "[" + value(random, depth + 1) + "," + value(random, depth + 1) + "]";
            default -> "{" + quoted(text(random)) + ":" + value(random, depth + 1) + "}";
        };
    }

    /** Text of many kinds: plain, empty, long, NUL, lone surrogates, emoji, markup, JSON escapes. */
    private static String text(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> "a\u0000b";
            case 2 -> "\ud800";
            case 3 -> "x\udfff";
            case 4 -> "😀 Zoë";
            case 5 -> "x".repeat(random.nextInt(5000));
            case 6 -> "' or 1=1; --";
            case 7 -> "../../etc/passwd";
            case 8 -> "\"\\\n\t";
            case 9 -> String.valueOf(random.nextInt());
            default -> HexFormat.of().formatHex(longBytes(random.nextLong()));
        };
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static String pathSegment(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "%00";
            case 1 -> "%ED%A0%80";
            case 2 -> UUID.randomUUID().toString();
            case 3 -> "%2F..%2F";
            case 4 -> "x".repeat(random.nextInt(3000));
            case 5 -> "%25%7B%7D";
            default -> percentEncoded(text(random));
        };
    }

    private static String percentEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] truncate(Random random, byte[] body) {
        return java.util.Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length));
    }

    private static byte[] nested(Random random) {
        int depth = random.nextBoolean() ? 2000 + random.nextInt(3000) : 50 + random.nextInt(500);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return (open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1))).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long value) {
        return java.nio.ByteBuffer.allocate(8).putLong(value).array();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String preview(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
