package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.TestEnvelopes.SENT_AT;
import static io.reflector.ingest.daily.TestEnvelopes.sent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DailyRecordingStartedTest {

    @Test
    void namesTheRecordingItsRoomAndItsStart() {
        DailyRecordingStarted started = DailyRecordingStarted.parse(sent("recording.started",
                "{\"room_name\": \"standup-20260115120000\", \"recording_id\": \"rec-1\", \"start_ts\": 1768478400}"));

        assertThat(started.recordingId()).isEqualTo("rec-1");
        assertThat(started.roomName()).isEqualTo("standup-20260115120000");
        assertThat(started.startedAt()).isEqualTo(Instant.parse("2026-01-15T12:00:00Z"));
    }

    @Test
    void withoutAStartItStartedWhenDailySentItAndAMissingIdIsNull() {
        DailyRecordingStarted started = DailyRecordingStarted.parse(sent("recording.started", "{\"room\": \"r\"}"));

        assertThat(started.recordingId()).isNull();
        assertThat(started.roomName()).isEqualTo("r");
        assertThat(started.startedAt()).isEqualTo(SENT_AT);
    }
}
