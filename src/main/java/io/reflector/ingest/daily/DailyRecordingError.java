package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.DailyPayloadFields.epochSeconds;
import static io.reflector.ingest.daily.DailyPayloadFields.text;

import java.time.Instant;

/**
 * What a {@code recording.error} event says (spec §2.8); what the payload leaves out is null. Daily gives the
 * recording id only sometimes.
 *
 * @param action    {@code cloud-recording-error}, or Daily's documented misspelling {@code clourd-recording-err}
 * @param at        from {@code timestamp}, else when Daily sent the event
 */
public record DailyRecordingError(String recordingId, String roomName, String action, String errorMsg, Instant at) {

    public static DailyRecordingError parse(DailyEnvelope envelope) {
        Instant timestamp = epochSeconds(envelope.payload(), "timestamp");
        return new DailyRecordingError(text(envelope.payload(), "recording_id"),
                DailyPayloadFields.roomName(envelope.payload()), text(envelope.payload(), "action"),
                text(envelope.payload(), "error_msg"), timestamp != null ? timestamp : envelope.sentAt());
    }

    /** Daily's message; a report without one still says that the recording failed, and how. */
    public String reason() {
        if (errorMsg != null) {
            return errorMsg;
        }
        return "Daily reported a recording error without a message" + (action != null ? " (" + action + ")" : "");
    }
}
