package io.reflector.ingest.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;

/**
 * A real HTTP server speaking OpenAI's {@code POST /v1/audio/transcriptions}: a {@code multipart/form-data} upload
 * with {@code file} and {@code model} required, {@code language}, {@code response_format} ({@code json} by
 * default: only the text) and {@code timestamp_granularities[]} (words only when {@code word} is asked for, with
 * {@code verbose_json}). A track is named by the uploaded file's name.
 */
public final class OpenAiTranscriptionStub extends TranscriptionStub {

    /** One part of the form: a field's value, or a file's name and bytes. */
    public record Part(String name, String filename, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    public OpenAiTranscriptionStub() {
        super("/v1/audio/transcriptions");
    }

    @Override
    protected void transcribe(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("multipart/form-data; boundary=")) {
            reply(exchange, null, 400, error("Content-Type must be multipart/form-data"));
            return;
        }
        List<Part> parts = parse(exchange.getRequestBody().readAllBytes(),
                contentType.substring(contentType.indexOf("boundary=") + "boundary=".length()));
        Map<String, List<Part>> byName = parts.stream().collect(Collectors.groupingBy(Part::name));
        Part file = byName.containsKey("file") ? byName.get("file").get(0) : null;
        if (file == null || file.filename() == null || !byName.containsKey("model")) {
            reply(exchange, null, 400, error("file and model are required"));
            return;
        }
        Integer failure = scriptedFailure(file.filename());
        if (failure != null) {
            reply(exchange, file.filename(), failure, error("scripted failure"));
            return;
        }
        String format = byName.containsKey("response_format") ? byName.get("response_format").get(0).text() : "json";
        boolean wordTimestamps = byName.getOrDefault("timestamp_granularities[]", List.of()).stream()
                .anyMatch(part -> part.text().equals("word"));
        Path audio = temporaryFile(file.content(), "-" + file.filename());
        try {
            List<Map<String, Object>> words = recognize(audio, "");
            String text = words.stream().map(word -> (String) word.get("word")).collect(Collectors.joining(" "));
            Map<String, Object> body = new HashMap<>(Map.of("text", text));
            if (format.equals("verbose_json")) {
                body.put("task", "transcribe");
                body.put("language", "english");
                body.put("segments", List.of());
                if (wordTimestamps) {
                    body.put("words", words);
                }
            }
            reply(exchange, file.filename(), 200, body);
        } finally {
            Files.deleteIfExists(audio);
        }
    }

    /** RFC 7578: parts between {@code --boundary} lines, headers, an empty line, then the content up to CRLF. */
    public static List<Part> parse(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (body[start] == '-' && body[start + 1] == '-') {
                break;
            }
            int next = indexOf(body, delimiter, start);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.UTF_8), start);
            String headers = new String(body, start + 2, headersEnd - start - 2, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, next - 2);
            parts.add(new Part(attribute(headers, "name"), attribute(headers, "filename"), content));
            at = next;
        }
        return parts;
    }

    private static String attribute(String headers, String name) {
        String marker = "; " + name + "=\"";
        int start = headers.indexOf(marker);
        return start < 0 ? null : headers.substring(start + marker.length(), headers.indexOf('"', start + marker.length()));
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Map<String, Object> error(String message) {
        return Map.of("error", Map.of("message", message, "type", "invalid_request_error"));
    }
}
