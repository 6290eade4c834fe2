package io.reflector.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;

import io.reflector.ingest.store.Platform;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.EventStreamClient;
import io.reflector.ingest.support.EventStreamClient.Received;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.OtherInstance;
import io.reflector.ingest.support.TranscriptFixtures;

/**
 * Two instances on one PostgreSQL: the test's application (A, which runs the pipeline) and a second application
 * context (B, an API instance: the same jar, its own web server and LISTEN connection, no routes but the event
 * table's pruning). A client of B sees what A's runs write. The delay from A's insert to B's client is measured
 * and written to {@code target/live-events-delay.txt}; it is not asserted (see bench/README.md for the figures).
 */
class LiveEventsAcrossInstancesTest extends EmbeddedDefaultTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SAMPLES = 100;
    private static final int B_MAX_STREAMS = 2;
    private static final int B_CLIENT_BUFFER = 20;
    private static OtherInstance instanceB;

    @Autowired
    ApplicationContext context;
    @Autowired
    EventLog eventLog;
    @LocalServerPort
    int port;

    @BeforeEach
    void startTheSecondInstanceOnce() {
        if (instanceB != null) {
            return;
        }
        instanceB = OtherInstance.start(context, Map.of(
                "camel.main.routes-include-pattern", "classpath:routes/live-events.yaml",
                "spring.main.banner-mode", "off", "reflector.events.max-streams", B_MAX_STREAMS,
                "reflector.events.heartbeat", "200ms", "reflector.events.client-buffer", B_CLIENT_BUFFER));
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (instanceB != null) {
            instanceB.close();
            instanceB = null;
        }
    }

    @Test
    void aClientOfOneInstanceSeesTheRunsOfTheOtherAndTheDelayIsMeasured() throws IOException {
        String transcriptId = newTranscript();
        List<Long> delaysMicros = new ArrayList<>();
        try (EventStreamClient onB = stream(instanceB(), "/v1/events")) {
            new TranscriptFixtures(context).ended(transcriptId);
            List<Received> run = awaitOwn(onB, transcriptId, 5);
            assertThat(run).extracting(Received::event)
                    .containsExactly("STATUS", "DURATION", "WAVEFORM", "TRANSCRIPT", "STATUS");

            for (int i = 0; i < SAMPLES; i++) {
                long before = System.nanoTime();
                long id = eventLog.publish(transcriptId, 1, RunProgress.MIX, Map.of("percent", i));
                Received received = onB.next(LIMIT);
                assertThat(received.id()).isEqualTo(Long.toString(id));
                delaysMicros.add((received.receivedNanos() - before) / 1000);
            }
        }
        write(delaysMicros);
    }

    @Test
    void anInstanceHoldsAtMostItsStreamsAndRefusesOneMoreWith429() throws IOException {
        int b = instanceB();
        // the streams of other tests, closed by their clients, are found out by the next heartbeat
        Eventually.await(LIMIT, () -> instanceB.bean(EventHub.class).openStreams() == 0, "instance B's streams to end");
        EventStreamClient first = stream(b, "/v1/events");
        try (EventStreamClient second = stream(b, "/v1/events")) {
            assertThat(first.status()).isEqualTo(200);
            assertThat(second.status()).isEqualTo(200);
            try (EventStreamClient third = stream(b, "/v1/events")) {
                assertThat(third.status()).isEqualTo(429);
                assertThat(third.response().headers().firstValue("Retry-After")).isPresent();
                assertThat(JSON.readTree(third.errorBody()).path("message").asText())
                        .contains("already serves " + B_MAX_STREAMS + " event streams");
            }
            // a client that leaves gives its place back (found by the next heartbeat)
            first.close();
            EventStreamClient again = Eventually.await(LIMIT, () -> {
                EventStreamClient attempt = stream(b, "/v1/events");
                if (attempt.status() == 200) {
                    return attempt;
                }
                attempt.close();
                return null;
            }, "a free stream on instance B");
            again.close();
        }
    }

    /**
     * A client that stops reading (a socket with a tiny receive window, never read) while megabytes of events go
     * out: it is let go once its buffer is full, and the other client of the same instance gets every event.
     */
    @Test
    void aClientThatStopsReadingIsDroppedAndHoldsUpNobody() throws Exception {
        int b = instanceB();
        Eventually.await(LIMIT, () -> instanceB.bean(EventHub.class).openStreams() == 0, "instance B's streams to end");
        String transcriptId = newTranscript();
        double droppedBefore = instanceB.bean(MeterRegistry.class).counter("reflector.event.streams.dropped").count();
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", b));
            stalled.getOutputStream().write(("GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + Http.API_KEY + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Eventually.await(LIMIT, () -> instanceB.bean(EventHub.class).openStreams() == 1, "the stalled stream");
            try (EventStreamClient reading = stream(b, "/v1/events")) {
                String padding = "x".repeat(64 * 1024);
                List<Long> published = new ArrayList<>();
                List<Long> received = new ArrayList<>();
                // in step with the reading client, which so never falls behind (the machine may be slow, and a
                // burst could overflow its buffer too); the stalled one falls 300 events behind and is dropped
                for (int i = 0; i < 300; i++) {
                    published.add(eventLog.publish(transcriptId, 1, RunProgress.MIX, Map.of("percent", i, "padding", padding)));
                    received.add(Long.parseLong(reading.next(LIMIT).id()));
                }
                assertThat(received).isEqualTo(published);
                assertThat(instanceB.bean(MeterRegistry.class).counter("reflector.event.streams.dropped").count())
                        .isEqualTo(droppedBefore + 1);
            }
        }
    }

    private List<Received> awaitOwn(EventStreamClient stream, String transcriptId, int count) {
        List<Received> own = new ArrayList<>();
        while (own.size() < count) {
            Received event = stream.next(LIMIT);
            if (event.data().path("transcript_id").asText().equals(transcriptId)) {
                own.add(event);
            }
        }
        return own;
    }

    private static void write(List<Long> delaysMicros) throws IOException {
        List<Long> sorted = delaysMicros.stream().sorted().toList();
        String summary = String.format("event delay from instance A's insert to instance B's SSE client, %d events:"
                        + " median %.2f ms, p95 %.2f ms, max %.2f ms%n", sorted.size(),
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.95)) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
        System.out.print(summary);
        Files.writeString(Path.of("target", "live-events-delay.txt"), summary);
    }

    private static int instanceB() {
        return instanceB.port();
    }

    private String newTranscript() {
        TranscriptFixtures fixtures = new TranscriptFixtures(context);
        return fixtures.recording(fixtures.meeting(null, Platform.DAILY), "reflector-dailyco-recordings",
                "instances/" + System.nanoTime(), List.of("instances/track-0"), List.of("instances/track-0"))
                .transcriptId();
    }

    private static EventStreamClient stream(int port, String path) {
        return EventStreamClient.open("http://127.0.0.1:" + port + path, "Authorization", "Bearer " + Http.API_KEY);
    }
}
