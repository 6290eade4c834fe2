package io.reflector.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import io.reflector.ingest.support.Http;

class OpsSurfaceTest extends EmbeddedDefaultTest {
    private static final String ROUTE = "whereby-recording-intake";

    @Test
    void healthIsPublicAndCoversTheRealServices() {
        // a consumer reports DOWN until its first poll after a (re)start, so UP is awaited, not assumed
        HttpResponse<String> health = Eventually.await(Duration.ofSeconds(60), () -> {
            HttpResponse<String> response = http().get("/actuator/health");
            return response.statusCode() == 200 ? response : null;
        }, "health UP");
        assertThat(health.body()).contains("\"status\":\"UP\"")
                .contains("\"db\"").contains("\"s3\"").contains("\"sqs\"").contains("\"camelHealth\"");
        assertThat(http().get("/actuator/health").body()).doesNotContain("\"details\"");
        assertThat(http().get("/actuator/health", "Authorization", Http.OPS_BASIC).body()).contains("\"details\"");
    }

    @Test
    void hawtioAnswersOnlyWithTheOpsLogin() {
        assertThat(http().get("/actuator/hawtio/index.html").statusCode()).isEqualTo(401);
        assertThat(http().get("/actuator/hawtio/index.html", "Authorization", Http.OPS_BASIC).statusCode()).isEqualTo(200);
    }

    @Test
    void metricsIncludeCamelRoutesAndNeedTheOpsLogin() {
        assertThat(http().get("/actuator/prometheus").statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = http().get("/actuator/prometheus", "Authorization", Http.OPS_BASIC);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("routeId=\"" + ROUTE + "\"");
    }

    @Test
    void aRouteStoppedAndStartedThroughJolokiaChangesStateInJmx() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName route = new ObjectName("org.apache.camel:context=reflector-ingest,type=routes,name=\"" + ROUTE + "\"");
        assertThat(jmx.getAttribute(route, "State")).isEqualTo("Started");

        assertThat(jolokia("stop()").statusCode()).isEqualTo(200);
        assertThat(jmx.getAttribute(route, "State")).isEqualTo("Stopped");
        assertThat(jolokia("start()").statusCode()).isEqualTo(200);
        assertThat(jmx.getAttribute(route, "State")).isEqualTo("Started");
    }

    @Test
    void jolokiaRefusesAnonymousCalls() {
        assertThat(http().postJson("/actuator/jolokia", "{\"type\":\"version\"}").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> jolokia(String operation) {
        HttpResponse<String> response = http().postJson("/actuator/jolokia", """
                {"type":"exec","mbean":"org.apache.camel:context=reflector-ingest,type=routes,name=\\"%s\\"","operation":"%s"}"""
                .formatted(ROUTE, operation), "Authorization", Http.OPS_BASIC);
        assertThat(response.body()).contains("\"status\":200");
        return response;
    }
}
