package io.reflector.ingest.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A real HTTP server speaking Reflector's GPU transcription service (spec §8.2):
 * {@code POST /v1/audio/transcriptions-from-url} with {@code {"audio_file_url", "language", "batch"}} behind
 * {@code Authorization: Bearer}. Like the service it tells the format by the URL path's extension (400 for an
 * unknown one, spec §12 #14), only speaks {@code en} (Parakeet), fetches the URL with a real GET (404 when the
 * object cannot be had) and answers {@code {"text", "words": [{"word", "start", "end"}]}}, words with a trailing
 * space as Parakeet writes them, and latest first, since the service may return them out of order. A track is
 * named by the fetched URL's path, {@code /<bucket>/<transcript id>/tracks/padded_<i>.webm}.
 */
public final class ModalTranscriptionStub extends TranscriptionStub {
    public static final ModalTranscriptionStub INSTANCE = new ModalTranscriptionStub();
    private static final Set<String> FORMATS = Set.of("mp3", "mp4", "mpeg", "mpga", "m4a", "wav", "webm");

    private final HttpClient http = HttpClient.newHttpClient();

    private ModalTranscriptionStub() {
        super("/v1/audio/transcriptions-from-url");
    }

    @Override
    protected void transcribe(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        JsonNode audioUrl = request.get("audio_file_url");
        if (audioUrl == null || !audioUrl.isTextual()) {
            reply(exchange, null, 422, Map.of("detail", "audio_file_url: field required"));
            return;
        }
        URI url = URI.create(audioUrl.textValue());
        String track = url.getPath();
        String extension = track.substring(track.lastIndexOf('.') + 1);
        if (!track.contains(".") || !FORMATS.contains(extension)) {
            reply(exchange, track, 400, Map.of("detail", "Unsupported audio format for URL"));
            return;
        }
        if (!"en".equals(request.path("language").asText("en"))) {
            reply(exchange, track, 400, Map.of("detail", "Parakeet only supports English"));
            return;
        }
        Integer failure = scriptedFailure(track);
        if (failure != null) {
            reply(exchange, track, failure, Map.of("detail", "scripted failure"));
            return;
        }
        HttpResponse<byte[]> audio;
        try {
            audio = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (audio.statusCode() != 200) {
            reply(exchange, track, 404, Map.of("detail", "Audio file not found: " + audio.statusCode()));
            return;
        }
        Path file = temporaryFile(audio.body(), "." + extension);
        try {
            List<Map<String, Object>> words = latestFirst(recognize(file, " "));
            reply(exchange, track, 200, Map.of("text", words.stream().map(word -> (String) word.get("word"))
                    .collect(Collectors.joining()), "words", words));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
