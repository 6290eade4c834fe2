package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.DailyPayloadFields.text;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One recording as {@code GET /recordings} lists it (Daily's recording object: {@code id, room_name, start_ts,
 * status, max_participants, duration, s3key, mtgSessionId, tracks}). Daily never fills in {@code type} here, so a
 * raw-tracks recording is told apart from a cloud one by its {@code tracks}.
 *
 * @param status   {@code finished}, {@code in-progress} or {@code canceled}
 * @param startTs  epoch seconds, null if Daily leaves it out
 * @param duration seconds, absent while in progress
 * @param tracks   the {@code tracks} array as Daily sent it ({@code {type, s3Key, size}} each, the shape of the
 *                 webhook's), null for a cloud recording or when Daily has none
 */
public record DailyListedRecording(String id, String roomName, String status, Long startTs, Long duration,
                                   Long maxParticipants, String s3Key, JsonNode tracks) {

    static final String READY_TO_DOWNLOAD = "recording.ready-to-download";

    /**
     * @throws DailyApiException when the entry has no id: without it the recording can neither be ingested nor
     *                           serve as a page cursor
     */
    public static DailyListedRecording parse(JsonNode recording) {
        String id = text(recording, "id");
        if (id == null) {
            throw new DailyApiException("GET /recordings listed an entry without an id: " + recording);
        }
        JsonNode tracks = recording.get("tracks");
        return new DailyListedRecording(id, DailyPayloadFields.roomName(recording), text(recording, "status"),
                wholeNumber(recording, "start_ts"), wholeNumber(recording, "duration"),
                wholeNumber(recording, "max_participants"), text(recording, "s3key"),
                tracks == null || tracks.isNull() ? null : tracks);
    }

    /**
     * Whether Daily is done with it, so the poller may move past it: finished or canceled, or in progress for
     * longer than {@code inProgressLimit} (or without a start time to tell), which is given up on.
     */
    public boolean isSettled(Instant now, Duration inProgressLimit) {
        return !isInProgress() || isGivenUp(now, inProgressLimit);
    }

    public boolean isInProgress() {
        return status == null || "in-progress".equals(status);
    }

    public boolean isGivenUp(Instant now, Duration inProgressLimit) {
        return isInProgress() && (startTs == null || Instant.ofEpochSecond(startTs).plus(inProgressLimit).isBefore(now));
    }

    /**
     * Finished, raw-tracks (it has tracks) and at least one microphone track: what the webhook would have
     * processed.
     */
    public boolean isIngestible() {
        return "finished".equals(status) && microphoneTrackCount() > 0;
    }

    /**
     * A finished recording with tracks but no microphone among them (video, screen share, or keys outside Daily's
     * layout): worth a warning, there is nothing to transcribe.
     */
    public boolean isSilentRawTracks() {
        return "finished".equals(status) && tracks != null && tracks.isArray() && !tracks.isEmpty()
                && microphoneTrackCount() == 0;
    }

    /** The microphone tracks as the webhook's path tells them ({@link DailyTracks}); a malformed list has none. */
    public int microphoneTrackCount() {
        try {
            return DailyTracks.fromPayloadTracks(tracks).microphoneAudioKeys().size();
        } catch (InvalidDailyEventException e) {
            return 0;
        }
    }

    /** Deterministic, so polling the same recording again finds its inbox row instead of adding one. */
    public String eventId() {
        return "poll:" + id;
    }

    /**
     * The {@code recording.ready-to-download} event Daily would have sent for this recording, so that a recording
     * found by polling takes the webhook's path: same parsing, registration, claim and pipeline.
     */
    public String readyToDownloadEvent(Instant sentAt) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode payload = json.objectNode()
                .put("type", "raw-tracks")
                .put("recording_id", id)
                .put("room_name", roomName)
                .put("status", status)
                .put("s3_key", s3Key);
        payload.set("start_ts", startTs == null ? json.nullNode() : json.numberNode(startTs));
        payload.set("duration", duration == null ? json.nullNode() : json.numberNode(duration));
        payload.set("max_participants", maxParticipants == null ? json.nullNode() : json.numberNode(maxParticipants));
        payload.set("tracks", tracks);
        ObjectNode envelope = json.objectNode()
                .put("version", "1.0.0")
                .put("type", READY_TO_DOWNLOAD)
                .put("id", eventId())
                .put("event_ts", sentAt.getEpochSecond());
        envelope.set("payload", payload);
        return envelope.toString();
    }

    private static Long wholeNumber(JsonNode recording, String field) {
        Double value = DailyPayloadFields.number(recording, field);
        return value == null ? null : value.longValue();
    }
}
