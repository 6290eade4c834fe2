package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class DailyRecordingsPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-01-15T13:00:00Z");
    private static final Duration LIMIT = Duration.ofHours(24);
    private static final long STARTED = NOW.minusSeconds(3600).getEpochSecond();
    /** A microphone track key in Daily's layout, after the domain and room folder. */
    private static final String MICROPHONE = "/1768478430000-52f7f48b-fbab-431f-9a50-87b9abfc8255-cam-audio-1768478430100";

    @Test
    void aPageOfSettledRecordingsMovesTheCursorToItsNewestAndIngestsOldestFirst() {
        DailyRecordingsPage page = read(false, raw("r4"), cloud("r3"), raw("r2"), canceled("r1"));

        assertThat(page.ingestible()).extracting(DailyListedRecording::id).containsExactly("r2", "r4");
        assertThat(page.cursor()).isEqualTo("r4");
        assertThat(page.held()).isFalse();
    }

    @Test
    void aRecordingInProgressHoldsTheCursorJustBeforeItWhileNewerFinishedOnesAreStillIngested() {
        DailyRecordingsPage page = read(false, raw("r4"), inProgress("r3"), raw("r2"), cloud("r1"));

        assertThat(page.cursor()).isEqualTo("r2");
        assertThat(page.held()).isTrue();
        assertThat(page.ingestible()).extracting(DailyListedRecording::id).containsExactly("r2", "r4");
    }

    @Test
    void whenTheOldestIsInProgressTheCursorStaysWhereItWas() {
        DailyRecordingsPage page = read(false, raw("r2"), inProgress("r1"));

        assertThat(page.cursor()).isNull();
        assertThat(page.held()).isTrue();
        assertThat(page.ingestible()).extracting(DailyListedRecording::id).containsExactly("r2");
    }

    @Test
    void aCursorHeldOnAnEarlierPageStaysHeld() {
        DailyRecordingsPage page = read(true, raw("r2"), raw("r1"));

        assertThat(page.cursor()).isNull();
        assertThat(page.held()).isTrue();
        assertThat(page.ingestible()).hasSize(2);
    }

    @Test
    void aRecordingInProgressForTooLongIsPassedOverAndReported() {
        DailyListedRecording stuck = recording("r1", "in-progress", NOW.minus(LIMIT).minusSeconds(60).getEpochSecond(),
                "[{\"type\": \"audio\", \"s3Key\": \"a/r1" + MICROPHONE + "\", \"size\": 1}]");

        DailyRecordingsPage page = DailyRecordingsPage.read(List.of(raw("r2"), stuck), false, NOW, LIMIT);

        assertThat(page.cursor()).isEqualTo("r2");
        assertThat(page.givenUp()).containsExactly(stuck);
        assertThat(page.ingestible()).extracting(DailyListedRecording::id).containsExactly("r2");
    }

    @Test
    void finishedRecordingsWithoutAudioArePassedOverAndReported() {
        DailyListedRecording videoOnly = recording("r1", "finished", STARTED,
                "[{\"type\": \"video\", \"s3Key\": \"a/r1/v\", \"size\": 1}]");

        DailyRecordingsPage page = DailyRecordingsPage.read(List.of(videoOnly), false, NOW, LIMIT);

        assertThat(page.silent()).containsExactly(videoOnly);
        assertThat(page.ingestible()).isEmpty();
        assertThat(page.cursor()).isEqualTo("r1");
    }

    @Test
    void anEmptyPageChangesNothing() {
        DailyRecordingsPage page = read(false);

        assertThat(page.cursor()).isNull();
        assertThat(page.held()).isFalse();
        assertThat(page.ingestible()).isEmpty();
    }

    private static DailyRecordingsPage read(boolean held, DailyListedRecording... newestFirst) {
        return DailyRecordingsPage.read(List.of(newestFirst), held, NOW, LIMIT);
    }

    private static DailyListedRecording raw(String id) {
        return recording(id, "finished", STARTED, "[{\"type\": \"audio\", \"s3Key\": \"a/" + id + MICROPHONE + "\", \"size\": 1}]");
    }

    private static DailyListedRecording inProgress(String id) {
        return recording(id, "in-progress", STARTED, "[{\"type\": \"audio\", \"s3Key\": \"a/" + id + MICROPHONE + "\", \"size\": 1}]");
    }

    private static DailyListedRecording canceled(String id) {
        return recording(id, "canceled", STARTED, "null");
    }

    private static DailyListedRecording cloud(String id) {
        return recording(id, "finished", STARTED, "null");
    }

    private static DailyListedRecording recording(String id, String status, long startTs, String tracks) {
        try {
            JsonNode json = JSON.readTree("{\"id\": \"" + id + "\", \"room_name\": \"room-20260115120000\", \"status\": \""
                    + status + "\", \"start_ts\": " + startTs + ", \"s3key\": \"a/" + id + "\", \"tracks\": " + tracks + "}");
            return DailyListedRecording.parse(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
