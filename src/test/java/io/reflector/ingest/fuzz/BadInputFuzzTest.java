package io.reflector.ingest.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;

/**
 * Throws generated requests (see {@link RequestFuzzer}) at both webhooks and the API of the running application:
 * every answer is 2xx or 4xx, every 4xx is {@code {"message": ...}}, and nothing is logged at ERROR or at WARN with a
 * stack trace, neither while answering nor while the stored Daily events are worked from the queue. Seeded: the seed
 * and the request's number rebuild any failure ({@code -Dfuzz.seed=}, {@code -Dfuzz.requests=}).
 */
class BadInputFuzzTest extends EmbeddedDefaultTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_201L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_500);
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void everyRequestIsAnswered2xxOr4xxWithAMessageAndNothingBreaksInTheLog() throws Exception {
        LogCapture log = LogCapture.attached();
        RequestFuzzer fuzzer = new RequestFuzzer(SEED, port);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger signedStored = new AtomicInteger();
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < REQUESTS; i++) {
                int number = i;
                senders.execute(() -> {
                    RequestFuzzer.Generated generated = fuzzer.request(number);
                    try {
                        HttpResponse<String> response = client.send(generated.request(), HttpResponse.BodyHandlers.ofString());
                        String problem = problem(generated, response);
                        if (problem != null) {
                            failures.add(problem + " ← " + generated.description());
                        }
                    } catch (Exception e) {
                        failures.add("no answer (" + e + ") ← " + generated.description());
                    }
                });
            }
        } finally {
            senders.shutdown();
            assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("fuzz: %d requests in %.1f s (%.0f/s), seed %d%n", REQUESTS, seconds, REQUESTS / seconds, SEED);
        assertThat(failures).as("requests answered wrongly").isEmpty();

        // the stored Daily events are worked from the queue: none may fail there either
        Eventually.await(Duration.ofSeconds(60), () -> jdbc.sql("""
                        select count(*) from inbox_event
                        where provider = 'daily' and event_id like :prefix and processed_at is null""")
                .param("prefix", RequestFuzzer.EVENT_PREFIX + "%").query(Integer.class).single() == 0,
                "every stored Daily event worked");
        log.stop();
        int stored = jdbc.sql("select count(*) from inbox_event where event_id like :prefix")
                .param("prefix", RequestFuzzer.EVENT_PREFIX + "%").query(Integer.class).single();
        assertThat(log.broken()).as("errors and stack traces logged").isEmpty();
        assertThat(stored).as("well-formed signed events reach the inbox").isGreaterThan(100);
    }

    private static String problem(RequestFuzzer.Generated generated, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return "status " + status + " " + response.body();
        }
        if (status >= 400 && !"HEAD".equals(generated.request().method())) {
            try {
                JsonNode body = JSON.readTree(response.body());
                if (body == null || !body.path("message").isTextual()) {
                    return "status " + status + " without a message: " + response.body();
                }
            } catch (Exception e) {
                return "status " + status + " with a body that is not JSON: " + response.body();
            }
        }
        return null;
    }

    /** Everything logged at ERROR, or with a throwable, while it runs. */
    private static final class LogCapture extends AppenderBase<ILoggingEvent> {
        private final ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();

        static LogCapture attached() {
            LogCapture capture = new LogCapture();
            capture.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
            capture.start();
            root().addAppender(capture);
            return capture;
        }

        private static Logger root() {
            return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }

        @Override
        protected void append(ILoggingEvent event) {
            // Tomcat notes a request it refused (a header over its limit) once at INFO with the exception: not ours
            boolean stackTrace = event.getThrowableProxy() != null && event.getLevel().isGreaterOrEqual(Level.WARN);
            if (event.getLevel().isGreaterOrEqual(Level.ERROR) || stackTrace) {
                broken.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                        + (event.getThrowableProxy() == null ? "" : " — " + event.getThrowableProxy().getClassName()
                        + ": " + event.getThrowableProxy().getMessage()));
            }
        }

        @Override
        public void stop() {
            root().detachAppender(this);
            super.stop();
        }

        List<String> broken() {
            return List.copyOf(broken);
        }
    }
}
