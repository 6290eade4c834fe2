package io.reflector.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Http;

class OpsSurfaceTest extends EmbeddedDefaultTest {
    private static final String ROUTE = "whereby-recording-intake";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthIsPublicAndCoversTheRealServices() throws Exception {
        HttpResponse<String> health = http().get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(status(health)).isEqualTo("UP");
        assertThat(health.body()).contains("\"db\"").contains("\"s3\"").contains("\"sqs\"")
                .contains("\"diskSpace\"").contains("\"routes\"").contains("\"camelHealth\"");
        assertThat(health.body()).doesNotContain("\"details\"");
        assertThat(http().get("/actuator/health", "Authorization", Http.OPS_BASIC).body()).contains("\"details\"");
    }

    @Test
    void theProbesArePublicAndMadeOfWhatTheyPromise() throws Exception {
        HttpResponse<String> liveness = http().get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(components(liveness)).containsExactly("camelLivenessState", "livenessState");
        HttpResponse<String> readiness = http().get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(components(readiness)).containsExactly("camelReadinessState", "db", "readinessState", "s3", "sqs");
    }

    @Test
    void sqsAndS3AreAskedOncePerIntervalWhateverTheRequestRate() throws Exception {
        List<String> checkedAt = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            JsonNode health = JSON.readTree(http().get("/actuator/health", "Authorization", Http.OPS_BASIC).body());
            checkedAt.add(health.path("components").path("sqs").path("details").path("checkedAt").asText()
                    + " " + health.path("components").path("s3").path("details").path("checkedAt").asText());
        }
        // 20 answers within the 10 s interval come from at most two rounds of calls (one may expire midway)
        assertThat(checkedAt.stream().distinct().count()).isBetween(1L, 2L);
        assertThat(checkedAt.get(0)).doesNotContain("null").isNotBlank();
    }

    @Test
    void everyHealthDetailIsOneHawtioCanRender() throws Exception {
        JsonNode health = JSON.readTree(http().get("/actuator/health", "Authorization", Http.OPS_BASIC).body());
        assertThat(health.path("components").path("sqs").path("details").path("deadLetters.recordings").isInt()).isTrue();
        // its Spring Boot page shows a value, or a list or object of texts; anything else (null, a number or an
        // object inside one) blanks the whole page with "TypeError: e.map is not a function"
        health.path("components").forEach(component -> component.path("details").properties().forEach(detail -> {
            JsonNode value = detail.getValue();
            assertThat(value.isValueNode() && !value.isNull()
                    || value.isContainerNode() && allText(value)).as(detail.getKey() + ": " + value).isTrue();
        }));
    }

    private static boolean allText(JsonNode container) {
        for (JsonNode element : container) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
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
        try {
            assertThat(jmx.getAttribute(route, "State")).isEqualTo("Stopped");
            // the instance stays healthy and ready, and says that the route is off
            HttpResponse<String> health = http().get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(status(health)).isEqualTo("ROUTES_STOPPED");
            JsonNode routes = JSON.readTree(http().get("/actuator/health/routes", "Authorization", Http.OPS_BASIC).body());
            assertThat(routes.path("details").path("stoppedRoutes").asText()).isEqualTo(ROUTE);
            assertThat(status(http().get("/actuator/health/liveness"))).isEqualTo("UP");
            assertThat(status(http().get("/actuator/health/readiness"))).isEqualTo("UP");
            assertThat(stoppedGauge()).isEqualTo("1.0");
        } finally {
            assertThat(jolokia("start()").statusCode()).isEqualTo(200);
        }
        assertThat(jmx.getAttribute(route, "State")).isEqualTo("Started");
        assertThat(status(http().get("/actuator/health"))).isEqualTo("UP");
        assertThat(stoppedGauge()).isEqualTo("0.0");
    }

    @Test
    void infoShowsTheBuildToTheOpsLogin() throws Exception {
        assertThat(http().get("/actuator/info").statusCode()).isEqualTo(401);
        JsonNode info = JSON.readTree(http().get("/actuator/info", "Authorization", Http.OPS_BASIC).body());
        assertThat(info.path("build").path("artifact").asText()).isEqualTo("reflector-ingest");
    }

    @Test
    void healthAndInfoAreMBeansForHawtiosSpringBootPage() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        assertThat(jmx.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Health,*"), null)).isNotEmpty();
        assertThat(jmx.queryNames(new ObjectName("org.springframework.boot:type=Endpoint,name=Info,*"), null)).isNotEmpty();
    }

    @Test
    void jolokiaRefusesAnonymousCalls() {
        assertThat(http().postJson("/actuator/jolokia", "{\"type\":\"version\"}").statusCode()).isEqualTo(401);
    }

    private String stoppedGauge() {
        return http().get("/actuator/prometheus", "Authorization", Http.OPS_BASIC).body().lines()
                .filter(line -> line.startsWith("reflector_route_stopped{routeId=\"" + ROUTE + "\"}"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst().orElse("absent");
    }

    private static String status(HttpResponse<String> health) throws Exception {
        return JSON.readTree(health.body()).path("status").asText();
    }

    private static List<String> components(HttpResponse<String> health) throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(health.body()).path("components").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private HttpResponse<String> jolokia(String operation) {
        HttpResponse<String> response = http().postJson("/actuator/jolokia", """
                {"type":"exec","mbean":"org.apache.camel:context=reflector-ingest,type=routes,name=\\"%s\\"","operation":"%s"}"""
                .formatted(ROUTE, operation), "Authorization", Http.OPS_BASIC);
        assertThat(response.body()).contains("\"status\":200");
        return response;
    }
}
