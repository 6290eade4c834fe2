package io.reflector.ingest.store;

/**
 * @param matched whether a meeting was found for it; unmatched recordings are processed all the same and linked
 *                when their meeting is created
 */
public record RegisteredRecording(String recordingId, String transcriptId, String meetingId, boolean matched) {
}
