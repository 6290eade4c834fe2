package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.DailyPayloadFields.epochSeconds;
import static io.reflector.ingest.daily.DailyPayloadFields.text;

import java.time.Instant;

/**
 * What a {@code recording.started} event says (spec §2.8); what the payload leaves out is null.
 *
 * @param startedAt from {@code start_ts}, else when Daily sent the event
 */
public record DailyRecordingStarted(String recordingId, String roomName, Instant startedAt) {

    public static DailyRecordingStarted parse(DailyEnvelope envelope) {
        Instant startTs = epochSeconds(envelope.payload(), "start_ts");
        return new DailyRecordingStarted(text(envelope.payload(), "recording_id"),
                DailyPayloadFields.roomName(envelope.payload()), startTs != null ? startTs : envelope.sentAt());
    }
}
