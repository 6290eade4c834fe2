package io.reflector.ingest.support;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.DisableJmx;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on its embedded default (real PostgreSQL, S3 API and SQS API servers, bundled ffmpeg) on free
 * ports with a temporary data directory, metrics exported as in production. Every test class extending it shares one context. A base class rather
 * than a meta-annotation because Camel's test support reads {@link DisableJmx} only from the class hierarchy.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@DisableJmx(false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"embedded", "test"})
public abstract class EmbeddedDefaultTest {
    @LocalServerPort
    private int port;

    protected Http http() {
        return new Http(port);
    }
}
