package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.DailyPayloadFields.text;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a {@code recording.ready-to-download} payload says (spec §2.8).
 *
 * @param type      {@code raw-tracks}, {@code cloud} or {@code cloud-audio-only}; only raw-tracks is processed
 * @param startedAt from {@code start_ts}, else the recording start in the first track's name, else null
 * @param s3Key     Daily's location of the recording, a prefix for raw-tracks; may be null
 */
public record DailyRecordingReady(String recordingId, String type, String roomName, Instant startedAt, String s3Key,
                                  DailyTracks tracks) {

    public static DailyRecordingReady parse(JsonNode payload) {
        String recordingId = text(payload, "recording_id");
        if (recordingId == null) {
            throw new InvalidDailyEventException("recording.ready-to-download payload has no 'recording_id'");
        }
        String roomName = DailyPayloadFields.roomName(payload);
        DailyTracks tracks = DailyTracks.fromPayloadTracks(payload.get("tracks"));
        String type = text(payload, "type") != null ? text(payload, "type") : "raw-tracks";
        return new DailyRecordingReady(recordingId, type, roomName, startedAt(payload, tracks), text(payload, "s3_key"),
                tracks);
    }

    public boolean isRawTracks() {
        return "raw-tracks".equals(type);
    }

    /** A key unique to this recording in the Daily bucket: Daily's prefix, else the first track's folder + start. */
    public String objectKey() {
        if (s3Key != null) {
            return s3Key;
        }
        return tracks.allKeys().stream().findFirst()
                .flatMap(DailyTrackKey::tryParse)
                .map(key -> key.key().substring(0, key.key().length() - key.fileName().length()) + key.recordingStartMs())
                .orElse(recordingId);
    }

    private static Instant startedAt(JsonNode payload, DailyTracks tracks) {
        JsonNode startTs = payload.get("start_ts");
        if (startTs != null && startTs.isNumber()) {
            return Instant.ofEpochSecond(startTs.longValue());
        }
        return tracks.microphoneAudioKeys().stream().findFirst()
                .flatMap(DailyTrackKey::tryParse)
                .map(key -> Instant.ofEpochMilli(key.recordingStartMs()))
                .orElse(null);
    }
}
