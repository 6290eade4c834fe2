package io.reflector.ingest.support;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on its embedded default (real PostgreSQL, S3 API and SQS API servers, bundled ffmpeg) on free
 * ports with a temporary data directory, metrics exported as in production. Every test class extending it shares one context. A base class rather
 * than a meta-annotation because Camel's test support reads {@link DisableJmx} only from the class hierarchy.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@DisableJmx(false)
// properties here rather than in a profile file: they must beat ./config/application-embedded.yaml
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "reflector.embedded.postgres-port=0", "reflector.embedded.s3-port=0", "reflector.embedded.sqs-port=0",
        "reflector.embedded.temporary-data-dir=true", "reflector.queues.wait-time-seconds=1",
        "reflector.embedded.visibility-timeout-seconds=5", "reflector.transcription.max-attempts=3",
        "reflector.transcription.retry-delay=50ms", "reflector.recovery.sweep-period=1s",
        // failed runs of other tests are not retried behind their backs; recovery tests make theirs due by hand
        "reflector.recovery.backoff=1h", "reflector.daily.poll-period=1s", "reflector.daily.webhook-check-period=1s",
        // after processing: short periods and back-off, so deliveries and cleanups happen within a test
        "reflector.consent.cleanup-period=200", "reflector.room-webhook.delivery-period=200",
        "reflector.room-webhook.first-retry-delay=100ms", "reflector.room-webhook.max-retry-delay=400ms",
        "reflector.room-webhook.timeout=2s",
        // Spring Boot's tests turn JMX off; Hawtio's Spring Boot page reads the health and info endpoints' MBeans
        "spring.jmx.enabled=true"})
@ActiveProfiles("embedded")
public abstract class EmbeddedDefaultTest {

    /** Services we do not own are real HTTP servers of the tests, the same for every test class. */
    @DynamicPropertySource
    static void servicesWeDoNotOwn(DynamicPropertyRegistry registry) {
        registry.add("reflector.daily.api-url", DailyApiStub.INSTANCE::url);
        registry.add("reflector.daily.api-key", () -> DailyApiStub.API_KEY);
        registry.add("reflector.transcription.backend", () -> "modal");
        registry.add("reflector.transcription.url", ModalTranscriptionStub.INSTANCE::url);
        registry.add("reflector.transcription.api-key", () -> TranscriptionStub.API_KEY);
    }

    @LocalServerPort
    private int port;

    protected Http http() {
        return new Http(port);
    }
}
