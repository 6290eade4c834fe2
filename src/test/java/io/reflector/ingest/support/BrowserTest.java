package io.reflector.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import com.sun.net.httpserver.HttpServer;

/** The harness itself: a real page, fetched with the credentials, its script errors and a screenshot seen. */
class BrowserTest {

    @Test
    void aPageSeesTheCredentialsAndItsScriptErrorsAreReported(@TempDir Path dir) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] page = ("<html><body><p id='who'>" + authorization + "</p>"
                    + "<script>null.map(x => x)</script></body></html>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        try (Browser browser = Browser.start()) {
            browser.authenticate("ops", "ops").open("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            browser.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));

            assertThat(browser.driver().findElement(By.id("who")).getText()).isEqualTo(Http.OPS_BASIC);
            assertThat(browser.consoleErrors()).anySatisfy(error -> assertThat(error).contains("TypeError"));
            Path shot = browser.screenshot(dir.resolve("shots/page.png"));
            assertThat(Files.readAllBytes(shot)).startsWith(0x89, 'P', 'N', 'G');
        } finally {
            server.stop(0);
        }
    }
}
