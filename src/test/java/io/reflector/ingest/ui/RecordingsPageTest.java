package io.reflector.ingest.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.media.FfmpegBinaries;
import io.reflector.ingest.media.ProcessRunner;
import io.reflector.ingest.media.TestMeeting;
import io.reflector.ingest.media.TestMeetingGenerator;
import io.reflector.ingest.support.Browser;
import io.reflector.ingest.support.DailyApiStub;
import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The recordings page in a real (headless) chromium: a generated Daily meeting is followed from its signed webhook
 * to {@code ended} without a reload, its mix played and seeked (the server answers the player's ranges with 206),
 * and Reprocess clicked twice (the second click meets the first run: 409). Screenshot in
 * {@code target/screenshots/recordings-page.png}, the README's copy in {@code docs/}.
 */
class RecordingsPageTest extends EmbeddedDefaultTest {
    private static final Duration LIMIT = Duration.ofMinutes(3);
    private static final String ROOM = "design-review-20261201093000";

    @Autowired
    S3Client s3;
    @Autowired
    FfmpegBinaries ffmpeg;
    @Autowired
    ReflectorProperties properties;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @LocalServerPort
    int port;
    @TempDir
    Path directory;

    @Test
    void aMeetingIsFollowedFromItsWebhookToEndedPlayedSeekedAndReprocessed() throws Exception {
        try (Browser browser = Browser.start()) {
            browser.authenticate("ops", "ops");
            // the first load also warms the server's lazily built parts up; the second is what a visit costs
            System.out.println("recordings page, first load: " + load(browser));
            System.out.println("recordings page, second load: " + load(browser));

            String recordingId = UUID.randomUUID().toString();
            TestMeeting meeting = announce(recordingId);
            String transcriptId = Eventually.await(LIMIT, () -> jdbc.sql(
                            "select id from transcript where recording_id = :id").param("id", recordingId)
                    .query(String.class).optional().orElse(null), "the transcript");

            // the list shows it without a reload, and it is opened from there
            // the list is redrawn as events arrive: a row found just before a redraw is gone, so look again
            String rowText = browser.waiting(LIMIT).ignoring(StaleElementReferenceException.class).until(driver -> {
                List<WebElement> rows = driver.findElements(By.cssSelector("tr[data-transcript-id='" + transcriptId + "']"));
                if (rows.isEmpty()) {
                    return null;
                }
                String text = rows.get(0).getText();
                rows.get(0).click();
                return text;
            });
            assertThat(rowText).contains(ROOM).contains("daily");

            browser.waiting(LIMIT).until(ExpectedConditions.textToBe(By.id("d-status"), "ended"));
            List<Long> progress = progressHistory(browser);
            assertThat(progress).as("the bar's figures as the events came").hasSizeGreaterThan(3).endsWith(100L);
            assertThat(progress.stream().filter(p -> p > 0 && p < 100)).as("figures between 0 and 100").isNotEmpty();
            assertThat(progress).isSorted();

            assertThat(texts(browser, "#timeline li .name")).anySatisfy(name -> assertThat(name).startsWith("TRACK_FETCH"))
                    .anySatisfy(name -> assertThat(name).startsWith("TRACK_PADDED"))
                    .anySatisfy(name -> assertThat(name).startsWith("MIX"))
                    .anySatisfy(name -> assertThat(name).startsWith("TRACK_TRANSCRIBED"))
                    .anySatisfy(name -> assertThat(name).startsWith("WAVEFORM"));
            List<WebElement> tracks = browser.driver().findElements(By.cssSelector("#tracks tr"));
            assertThat(tracks).hasSize(meeting.tracks().size());
            assertThat(tracks.get(0).getText()).contains("Person 0").contains("padded").contains("transcribed");
            assertThat(tracks.get(1).getText()).contains("Speaker 1");
            browser.waiting(LIMIT).until(driver -> !"0".equals(browser.driver().findElement(By.id("waveform"))
                    .getAttribute("data-peaks")));
            assertThat((Long) browser.driver().executeScript(
                    "const c = document.getElementById('waveform'); const d = c.getContext('2d')"
                            + ".getImageData(0, 0, c.width, c.height).data; let n = 0;"
                            + "for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;"))
                    .as("painted pixels of the waveform").isGreaterThan(1000);
            assertThat(browser.driver().findElement(By.id("words")).getText()).contains("Person 0").contains("marker0");

            playAndSeek(browser);
            screenshot(browser);

            // Reprocess twice: the first starts run 2, the second meets it
            browser.driver().findElement(By.id("reprocess")).click();
            browser.waiting(LIMIT).until(ExpectedConditions.attributeToBe(By.id("d-notice"), "data-status", "202"));
            browser.driver().findElement(By.id("reprocess")).click();
            browser.waiting(LIMIT).until(ExpectedConditions.attributeToBe(By.id("d-notice"), "data-status", "409"));
            assertThat(browser.driver().findElement(By.id("d-notice")).getText())
                    .startsWith("409: transcript " + transcriptId + " is being processed (run 2)");
            browser.waiting(LIMIT).until(ExpectedConditions.textToBe(By.id("d-run"), "2"));
            browser.waiting(LIMIT).until(ExpectedConditions.textToBe(By.id("d-status"), "ended"));

            assertThat(browser.consoleErrors()).allSatisfy(error -> assertThat(error).doesNotContain("Uncaught"));
        }
    }

    /** The document's server time, then DOMContentLoaded, load and the list rendered, in ms from the navigation's start. */
    private String load(Browser browser) {
        browser.open(base() + "/ui/");
        browser.waiting(LIMIT).until(driver -> browser.driver().executeScript("return window.uiReadyAt") != null);
        return "server's answer to the page, DOMContentLoaded, load, list rendered (ms): " + browser.driver().executeScript(
                "const n = performance.getEntriesByType('navigation')[0];"
                        + "return [Math.round(n.responseStart - n.requestStart), Math.round(n.domContentLoadedEventEnd),"
                        + " Math.round(n.loadEventEnd), Math.round(window.uiReadyAt)];");
    }

    /** Muted, as a page may play without a gesture; the player's requests are ranges, answered 206. */
    private void playAndSeek(Browser browser) {
        double partials = partialAnswers();
        browser.driver().executeScript("const p = document.getElementById('player'); p.muted = true; p.play();");
        browser.waiting(LIMIT).until(driver -> (Boolean) browser.driver().executeScript(
                "const p = document.getElementById('player'); return p.readyState >= 1 && p.duration > 0;"));
        double duration = ((Number) browser.driver().executeScript("return document.getElementById('player').duration"))
                .doubleValue();
        browser.driver().executeScript("document.getElementById('player').currentTime = arguments[0];", duration / 2);
        browser.waiting(LIMIT).until(driver -> !(Boolean) browser.driver().executeScript(
                "return document.getElementById('player').seeking"));
        double position = ((Number) browser.driver().executeScript("return document.getElementById('player').currentTime"))
                .doubleValue();
        assertThat(position).isCloseTo(duration / 2, within(1.0));
        Eventually.await(LIMIT, () -> partialAnswers() > partials, "a 206 answer to the player");
    }

    /** The server's own count of 206 answers on the page's audio path (Spring's http.server.requests metric). */
    private double partialAnswers() {
        return Search.in(meters).name("http.server.requests").tag("status", "206")
                .tag("uri", "/ui/api/transcripts/{id}/audio/mp3").timers().stream()
                .mapToDouble(timer -> timer.count()).sum();
    }

    private void screenshot(Browser browser) {
        browser.driver().executeScript("window.scrollTo(0, 0)");
        Path shot = browser.screenshot(Path.of("target", "screenshots", "recordings-page.png"));
        System.out.println("recordings page screenshot: " + shot.toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    private static List<Long> progressHistory(Browser browser) {
        return (List<Long>) browser.driver().executeScript("return window.progressHistory");
    }

    private static List<String> texts(Browser browser, String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** A generated three-person meeting in the Daily bucket, its names at the Daily API stub, its signed webhook. */
    private TestMeeting announce(String recordingId) {
        TestMeeting meeting = new TestMeetingGenerator(ffmpeg, new ProcessRunner())
                .generate(TestMeetingGenerator.defaultPlan(), directory);
        long recordingStartMs = 1_764_581_400_000L;
        String folder = "testdomain/" + ROOM + "/";
        List<DailyApiStub.Participant> participants = new ArrayList<>();
        StringBuilder tracks = new StringBuilder("[");
        for (TestMeeting.Track track : meeting.tracks()) {
            String participant = UUID.randomUUID().toString();
            String key = folder + recordingStartMs + "-" + participant + "-cam-audio-" + (recordingStartMs + track.startMs());
            s3.putObject(b -> b.bucket(properties.storage().dailyBucket()).key(key), RequestBody.fromFile(track.file()));
            participants.add(new DailyApiStub.Participant(participant, track.index() == 1 ? null : "Person " + track.index(),
                    "user-" + track.index()));
            tracks.append(tracks.length() > 1 ? "," : "").append("{\"type\":\"audio\",\"s3Key\":\"").append(key)
                    .append("\",\"size\":1000}");
        }
        tracks.append("]");
        DailyApiStub.INSTANCE.recording(recordingId, "session-" + recordingId, participants);
        http().apiPost("/v1/meetings", "{\"id\":\"" + UUID.randomUUID() + "\",\"room_name\":\"" + ROOM
                + "\",\"platform\":\"daily\",\"start_date\":\"" + Instant.ofEpochMilli(recordingStartMs).minusSeconds(60) + "\"}");
        new DailyWebhooks(http()).post(DailyWebhooks.envelope("rec-rtd-" + recordingId, "recording.ready-to-download",
                "{\"type\":\"raw-tracks\",\"recording_id\":\"" + recordingId + "\",\"room_name\":\"" + ROOM
                        + "\",\"start_ts\":1764581400,\"status\":\"finished\",\"tracks\":" + tracks + "}"));
        return meeting;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
