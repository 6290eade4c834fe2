package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.TestEnvelopes.SENT_AT;
import static io.reflector.ingest.daily.TestEnvelopes.sent;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DailyRecordingErrorTest {

    @Test
    void readsDailysFieldsAndGivesItsMessageAsTheReason() {
        DailyRecordingError error = DailyRecordingError.parse(sent("recording.error", """
                {"action": "cloud-recording-error", "error_msg": "Recording stopped: bucket unreachable",
                 "instance_id": "i-1", "room_name": "standup-20260115120000", "timestamp": 1768478460,
                 "recording_id": "rec-1"}"""));

        assertThat(error.recordingId()).isEqualTo("rec-1");
        assertThat(error.roomName()).isEqualTo("standup-20260115120000");
        assertThat(error.action()).isEqualTo("cloud-recording-error");
        assertThat(error.at()).isEqualTo(Instant.parse("2026-01-15T12:01:00Z"));
        assertThat(error.reason()).isEqualTo("Recording stopped: bucket unreachable");
    }

    @Test
    void theRecordingIdIsOptional() {
        assertThat(DailyRecordingError.parse(sent("recording.error",
                "{\"action\": \"cloud-recording-error\", \"error_msg\": \"x\", \"room_name\": \"r\"}")).recordingId())
                .isNull();
    }

    @Test
    void withoutAMessageTheReasonStillSaysWhatFailed() {
        DailyRecordingError withAction = DailyRecordingError.parse(sent("recording.error",
                "{\"action\": \"clourd-recording-err\", \"recording_id\": \"rec-1\"}"));
        DailyRecordingError bare = DailyRecordingError.parse(sent("recording.error", "{}"));

        assertThat(withAction.reason())
                .isEqualTo("Daily reported a recording error without a message (clourd-recording-err)");
        assertThat(bare.reason()).isEqualTo("Daily reported a recording error without a message");
        assertThat(bare.at()).isEqualTo(SENT_AT);
    }
}
