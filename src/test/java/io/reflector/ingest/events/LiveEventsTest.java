package io.reflector.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reflector.ingest.store.ConsentCleanups;
import io.reflector.ingest.store.Platform;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.EventStreamClient;
import io.reflector.ingest.support.EventStreamClient.Received;
import io.reflector.ingest.support.Http;
import io.reflector.ingest.support.TranscriptFixtures;

/**
 * The event streams against the running application: what a run writes to {@code transcript.events} and its
 * progress arrive as server-sent events with increasing ids, and a reconnect with {@code Last-Event-ID} gets what
 * was missed.
 */
class LiveEventsTest extends EmbeddedDefaultTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ApplicationContext context;
    @Autowired
    RunProgress progress;
    @Autowired
    ConsentCleanups consentCleanups;
    @Autowired
    EventLog eventLog;
    @Autowired
    JdbcClient jdbc;
    @LocalServerPort
    int port;

    @Test
    void everyEventOfARunArrivesInOrderWithItsIdAndTheTranscriptStream() throws Exception {
        String transcriptId = newTranscript();
        try (EventStreamClient all = stream("/v1/events");
             EventStreamClient one = stream("/v1/transcripts/" + transcriptId + "/events")) {
            fixtures().ended(transcriptId);
            List<Received> received = one.until("STATUS", LIMIT);
            received.addAll(one.until("STATUS", LIMIT));

            assertThat(received).extracting(Received::event)
                    .containsExactly("STATUS", "DURATION", "WAVEFORM", "TRANSCRIPT", "STATUS");
            assertThat(received.get(0).data().path("data").path("value").asText()).isEqualTo("processing");
            assertThat(received.get(4).data().path("data").path("value").asText()).isEqualTo("ended");
            assertThat(received.get(1).data().path("data").path("duration").asDouble())
                    .isEqualTo(TranscriptFixtures.DURATION_MS);
            assertThat(received).allSatisfy(event -> {
                assertThat(event.data().path("transcript_id").asText()).isEqualTo(transcriptId);
                assertThat(event.data().path("run").asInt()).isEqualTo(1);
                assertThat(event.id()).isEqualTo(event.data().path("id").asText());
            });
            assertThat(received).extracting(event -> Long.parseLong(event.id())).isSorted().doesNotHaveDuplicates();

            // the stream of every transcript has the same events, with the same ids
            Received first;
            do {
                first = all.next(LIMIT);
            } while (!first.data().path("transcript_id").asText().equals(transcriptId));
            assertThat(first.id()).isEqualTo(received.get(0).id());
        }
    }

    @Test
    void progressAndAudioDeletedArriveToo() {
        String transcriptId = newTranscript();
        try (EventStreamClient one = stream("/v1/transcripts/" + transcriptId + "/events")) {
            progress.trackFetched(transcriptId, 0, 1, 0);
            progress.trackFetched(transcriptId, 0, 1, 100);
            progress.trackPadded(transcriptId, 0, 1, new RunProgress.PaddedTrack(1.5, "PACKET", 2, 0.3, 12.0));
            progress.mixProgress(transcriptId, 0, 100);
            progress.trackTranscribed(transcriptId, 0, 1, 7);
            consentCleanups.audioDeleted(transcriptId, 2, 3);

            List<Received> received = one.until("AUDIO_DELETED", LIMIT);
            assertThat(received).extracting(Received::event).containsExactly(RunProgress.TRACK_FETCH,
                    RunProgress.TRACK_FETCH, RunProgress.TRACK_PADDED, RunProgress.MIX, RunProgress.TRACK_TRANSCRIBED,
                    "AUDIO_DELETED");
            assertThat(received.get(1).data().path("data").path("track").asInt()).isEqualTo(1);
            assertThat(received.get(1).data().path("data").path("percent").asInt()).isEqualTo(100);
            assertThat(received.get(2).data().path("data").path("offset_seconds").asDouble()).isEqualTo(1.5);
            assertThat(received.get(2).data().path("data").path("gaps_filled_seconds").asDouble()).isEqualTo(0.3);
            assertThat(received.get(2).data().path("data").path("path").asText()).isEqualTo("PACKET");
            assertThat(received.get(4).data().path("data").path("words").asInt()).isEqualTo(7);
            assertThat(received.get(5).data().path("data").path("outputs").asInt()).isEqualTo(3);
        }
    }

    @Test
    void aClientThatReconnectsWithLastEventIdGetsWhatItMissedAndNothingTwice() {
        String transcriptId = newTranscript();
        fixtures().ended(transcriptId);
        List<Received> firstVisit;
        try (EventStreamClient stream = stream("/v1/transcripts/" + transcriptId + "/events")) {
            // without Last-Event-ID: everything of the transcript the table still has
            firstVisit = stream.until("STATUS", LIMIT);
            firstVisit.addAll(stream.until("STATUS", LIMIT));
        }
        assertThat(firstVisit).hasSize(5);

        try (EventStreamClient again = stream("/v1/transcripts/" + transcriptId + "/events",
                "Last-Event-ID", firstVisit.get(1).id())) {
            progress.mixProgress(transcriptId, 1, 100);
            List<Received> missed = again.until(RunProgress.MIX, LIMIT);
            assertThat(missed).extracting(Received::id).containsExactly(firstVisit.get(2).id(), firstVisit.get(3).id(),
                    firstVisit.get(4).id(), missed.get(3).id());
            assertThat(Long.parseLong(missed.get(3).id())).isGreaterThan(Long.parseLong(firstVisit.get(4).id()));
        }
        try (EventStreamClient everything = stream("/v1/events", "Last-Event-ID", firstVisit.get(3).id())) {
            assertThat(everything.next(LIMIT).id()).isEqualTo(firstVisit.get(4).id());
        }
    }

    @Test
    void aNewRunStartsItsEventsOverAndTheyArePublishedAgain() {
        String transcriptId = newTranscript();
        fixtures().ended(transcriptId);
        try (EventStreamClient stream = stream("/v1/events")) {
            context.getBean(io.reflector.ingest.store.TranscriptStates.class).reprocess(transcriptId).orElseThrow();
            Received started = stream.next(LIMIT);
            assertThat(started.event()).isEqualTo("STATUS");
            assertThat(started.data().path("run").asInt()).isEqualTo(2);
            assertThat(started.data().path("data").path("value").asText()).isEqualTo("processing");
        }
    }

    @Test
    void theStreamsNeedTheApiKeyAndNameWhatIsWrong() throws Exception {
        Http http = http();
        assertThat(http.get("/v1/events").statusCode()).isEqualTo(401);
        assertThat(http.get("/v1/transcripts/x/events", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
        try (EventStreamClient unknown = stream("/v1/transcripts/no-such-transcript/events")) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.errorBody()).path("message").asText())
                    .isEqualTo("transcript no-such-transcript not found");
        }
        try (EventStreamClient bad = stream("/v1/events", "Last-Event-ID", "yesterday")) {
            assertThat(bad.status()).isEqualTo(400);
            assertThat(JSON.readTree(bad.errorBody()).path("message").asText()).startsWith("Last-Event-ID: ");
        }
        // the page's twin wants the ops login, not the API key
        assertThat(http.get("/ui/api/events", "Authorization", "Bearer " + Http.API_KEY).statusCode()).isEqualTo(401);
    }

    @Test
    void rowsPastTheRetentionArePruned() {
        String transcriptId = newTranscript();
        long old = eventLog.publish(transcriptId, 0, RunProgress.MIX, java.util.Map.of("percent", 1));
        long recent = eventLog.publish(transcriptId, 0, RunProgress.MIX, java.util.Map.of("percent", 2));
        jdbc.sql("update transcript_event set created_at = now() - interval '8 days' where id = :id")
                .param("id", old).update();

        assertThat(eventLog.pruneExpired()).isPositive();

        assertThat(eventLog.after(old - 1, transcriptId, 10)).extracting(TranscriptEvent::id).containsExactly(recent);
    }

    private String newTranscript() {
        TranscriptFixtures fixtures = fixtures();
        return fixtures.recording(fixtures.meeting(null, Platform.DAILY), "reflector-dailyco-recordings",
                "events/" + System.nanoTime(), List.of("events/track-0"), List.of("events/track-0")).transcriptId();
    }

    private TranscriptFixtures fixtures() {
        return new TranscriptFixtures(context);
    }

    private EventStreamClient stream(String path, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + Http.API_KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return EventStreamClient.open("http://127.0.0.1:" + port + path, all);
    }
}
