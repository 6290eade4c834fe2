package io.reflector.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.MarkerLocator;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeetingGenerator;

/**
 * What the transcription service stubs share: a real HTTP server behind a bearer key, a "recognizer" that hears
 * the marker bursts of generated meetings (one word {@code marker<k>} per burst of participant k's frequency, at
 * its onset), and scripts that make chosen tracks fail. A track is named by what the service sees of it: the
 * path of the URL it fetches, or the name of the uploaded file.
 */
public abstract class TranscriptionStub implements AutoCloseable {
    public static final String API_KEY = "test-transcription-key";
    /** Participants whose marker frequency the recognizer listens for. */
    static final int MAX_SPEAKERS = 8;
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as answered: the track it was about and the status it got. */
    public record Request(String track, int status) {
    }

    private record Script(Predicate<String> track, Deque<Integer> statuses, boolean always) {
    }

    private final HttpServer server;
    private final List<Script> scripts = new CopyOnWriteArrayList<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final FfmpegBinaries ffmpeg = FfmpegBinaries.resolve(null);
    private final ProcessRunner runner = new ProcessRunner();

    protected TranscriptionStub(String path) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "transcription-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    reply(exchange, 405, Map.of("detail", "Method Not Allowed"));
                } else if (!("Bearer " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    reply(exchange, 401, Map.of("detail", "Invalid API key"));
                } else {
                    transcribe(exchange);
                }
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The first requests about a matching track get these statuses, in order; later ones are transcribed. */
    public void failFirst(Predicate<String> track, int... statuses) {
        Deque<Integer> queue = new ArrayDeque<>();
        for (int status : statuses) {
            queue.add(status);
        }
        scripts.add(new Script(track, queue, false));
    }

    /** Every request about a matching track gets this status. */
    public void failAlways(Predicate<String> track, int status) {
        scripts.add(new Script(track, new ArrayDeque<>(List.of(status)), true));
    }

    public List<Request> requests(Predicate<String> track) {
        return requests.stream().filter(request -> request.track() != null && track.test(request.track())).toList();
    }

    /** Handles an authenticated POST: check the request, find the audio, answer with {@link #recognize}. */
    protected abstract void transcribe(HttpExchange exchange) throws IOException;

    /** The status a script has for this track, if any; the request is recorded either way by {@link #reply}. */
    protected Integer scriptedFailure(String track) {
        for (Script script : scripts) {
            if (script.track().test(track)) {
                synchronized (script) {
                    Integer status = script.always() ? script.statuses().peek() : script.statuses().poll();
                    if (status != null) {
                        return status;
                    }
                }
            }
        }
        return null;
    }

    /** The marker bursts in the audio as words, in the order of the participants' frequencies then time. */
    protected List<Map<String, Object>> recognize(Path audio, String wordSuffix) {
        float[] pcm = MarkerLocator.decodeFirstChannel(ffmpeg, runner, audio);
        List<Map<String, Object>> words = new ArrayList<>();
        double tone = TestMeetingGenerator.MARKER_MS / 1000.0;
        for (int speaker = 0; speaker < MAX_SPEAKERS; speaker++) {
            for (MarkerLocator.Marker marker : MarkerLocator.locateAll(pcm,
                    TestMeetingGenerator.markerFrequencyHz(speaker), tone)) {
                words.add(Map.of("word", "marker" + speaker + wordSuffix, "start", marker.seconds(),
                        "end", marker.seconds() + tone));
            }
        }
        return words;
    }

    protected static List<Map<String, Object>> latestFirst(List<Map<String, Object>> words) {
        return words.stream().sorted(Comparator.comparing((Map<String, Object> word) -> (Double) word.get("start"))
                .reversed()).toList();
    }

    protected static Path temporaryFile(byte[] content, String suffix) throws IOException {
        Path file = Files.createTempFile("transcription-stub-", suffix);
        Files.write(file, content);
        return file;
    }

    protected void reply(HttpExchange exchange, String track, int status, Object body) throws IOException {
        requests.add(new Request(track, status));
        reply(exchange, status, body);
    }

    private static void reply(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
