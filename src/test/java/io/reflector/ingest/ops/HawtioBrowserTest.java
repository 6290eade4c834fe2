package io.reflector.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.reflector.ingest.support.Browser;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Http;

/**
 * What an operator does in Hawtio, in a real browser: stop and start the Whereby intake from the routes table while
 * the probes are watched the way a load balancer watches them, then read the Spring Boot page.
 */
class HawtioBrowserTest extends EmbeddedDefaultTest {
    private static final Logger log = LoggerFactory.getLogger(HawtioBrowserTest.class);
    private static final String ROUTE = "whereby-recording-intake";
    private static final Duration HAWTIO_LOAD = Duration.ofSeconds(120);
    private static final Duration ROUTE_CHANGE = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "browser");
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Probe(long atMillis, String path, int httpStatus, String status) {
    }

    @LocalServerPort
    private int port;

    @Test
    void stoppingAndStartingTheIntakeFromHawtioLeavesTheProbesTruthful() throws Exception {
        try (Browser browser = Browser.start()) {
            browser.authenticate("ops", "ops").open(hawtio("/camel/routes"));
            browser.waiting(HAWTIO_LOAD).until(ExpectedConditions.presenceOfElementLocated(routeRow()));
            browser.waiting(ROUTE_CHANGE).until(driver -> "Started".equals(state(browser)));

            List<Probe> probes = new CopyOnWriteArrayList<>();
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
            prober.scheduleWithFixedDelay(() -> List.of("/actuator/health/liveness", "/actuator/health/readiness")
                    .forEach(path -> probes.add(probe(path))), 0, 100, TimeUnit.MILLISECONDS);
            try {
                select(browser);
                long stopClicked = System.nanoTime();
                button(browser, "Stop").click();
                browser.waiting(ROUTE_CHANGE).until(driver -> "Stopped".equals(state(browser)));
                log.info("Hawtio shows {} Stopped {} ms after Stop was clicked", ROUTE, millisSince(stopClicked));
                assertThat(jolokiaState()).isEqualTo("Stopped");

                HttpResponse<String> health = http().get("/actuator/health");
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(status(health)).isEqualTo("ROUTES_STOPPED");
                assertThat(http().get("/actuator/health/routes", "Authorization", Http.OPS_BASIC).body())
                        .contains("\"stoppedRoutes\":\"" + ROUTE + "\"");
                assertThat(http().get("/actuator/prometheus", "Authorization", Http.OPS_BASIC).body())
                        .contains("reflector_route_stopped{routeId=\"" + ROUTE + "\"} 1.0");
                browser.screenshot(SCREENSHOTS.resolve("hawtio-route-stopped.png"));

                select(browser);
                long startClicked = System.nanoTime();
                button(browser, "Start").click();
                browser.waiting(ROUTE_CHANGE).until(driver -> "Started".equals(state(browser)));
                log.info("Hawtio shows {} Started {} ms after Start was clicked", ROUTE, millisSince(startClicked));
                assertThat(jolokiaState()).isEqualTo("Started");
                assertThat(status(http().get("/actuator/health"))).isEqualTo("UP");
            } finally {
                prober.shutdownNow();
                prober.awaitTermination(10, TimeUnit.SECONDS);
                if (!"Started".equals(jolokiaState())) {
                    startRoute();
                }
            }

            // DB, S3 and SQS answered all along and nothing shut down: both probes were UP in every answer
            assertThat(probes).hasSizeGreaterThan(4).allSatisfy(probe -> {
                assertThat(probe.httpStatus()).as(probe.path()).isEqualTo(200);
                assertThat(probe.status()).as(probe.path()).isEqualTo("UP");
            });

            browser.consoleErrors();
            browser.open(hawtio("/springboot/health"));
            await(browser, By.xpath("//*[starts-with(normalize-space(), 'Overall status:')]"), "hawtio-spring-boot-health");
            assertThat(browser.driver().findElements(By.xpath("//*[normalize-space()='Sqs']"))).isNotEmpty();
            assertThat(browser.driver().findElements(By.xpath("//*[normalize-space()='Routes']"))).isNotEmpty();

            browser.open(hawtio("/springboot/info"));
            await(browser, By.xpath("//*[normalize-space()='reflector-ingest']"), "hawtio-spring-boot-info");
            assertThat(browser.consoleErrors()).noneMatch(error -> error.contains("TypeError"));
        }
    }

    /** Waits for what the page must show, leaving a screenshot either way and the page's errors when it never does. */
    private static void await(Browser browser, By shown, String screenshot) {
        try {
            browser.waiting(HAWTIO_LOAD).until(ExpectedConditions.presenceOfElementLocated(shown));
        } catch (TimeoutException e) {
            throw new AssertionError(screenshot + " never showed " + shown + "; page errors: " + browser.consoleErrors(), e);
        } finally {
            browser.screenshot(SCREENSHOTS.resolve(screenshot + ".png"));
        }
    }

    private String hawtio(String page) {
        return "http://127.0.0.1:" + port + "/actuator/hawtio" + page;
    }

    private static By routeRow() {
        return By.xpath("//table[@id='camel-routes-table']//tr[td[@data-label='Name' and normalize-space()='" + ROUTE + "']]");
    }

    private static String state(Browser browser) {
        return browser.driver().findElement(routeRow()).findElement(By.xpath("td[@data-label='State']")).getText().trim();
    }

    /** Ticks the route's row (Hawtio keeps the selection after an action, and re-renders the table meanwhile). */
    private static void select(Browser browser) {
        browser.waiting(ROUTE_CHANGE).until(driver -> {
            WebElement checkbox = driver.findElement(routeRow()).findElement(By.xpath(".//input[@type='checkbox']"));
            if (!checkbox.isSelected()) {
                checkbox.click();
            }
            return checkbox.isSelected();
        });
    }

    private static WebElement button(Browser browser, String label) {
        return browser.driver().findElement(By.xpath("//button[.//span[normalize-space()='" + label + "']]"));
    }

    private String jolokiaState() {
        return jolokia("\"type\":\"read\",\"attribute\":\"State\"").replaceAll(".*\"value\":\"([A-Za-z]+)\".*", "$1");
    }

    private void startRoute() {
        jolokia("\"type\":\"exec\",\"operation\":\"start()\"");
    }

    /** One Jolokia request on the route's MBean, as Hawtio sends it. */
    private String jolokia(String request) {
        HttpResponse<String> response = http().postJson("/actuator/jolokia", "{\"mbean\":\"org.apache.camel:"
                + "context=reflector-ingest,type=routes,name=\\\"" + ROUTE + "\\\"\"," + request + "}",
                "Authorization", Http.OPS_BASIC);
        assertThat(response.body()).contains("\"status\":200");
        return response.body();
    }

    private Probe probe(String path) {
        HttpResponse<String> response = http().get(path);
        return new Probe(System.currentTimeMillis(), path, response.statusCode(), status(response));
    }

    private static String status(HttpResponse<String> health) {
        try {
            return JSON.readTree(health.body()).path("status").asText();
        } catch (JsonProcessingException e) {
            throw new AssertionError("health answered no JSON: " + health.body(), e);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
