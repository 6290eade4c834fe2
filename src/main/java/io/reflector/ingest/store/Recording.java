package io.reflector.ingest.store;

import java.time.Instant;
import java.util.List;

/** {@code trackKeys} null = one file (Whereby); otherwise the microphone tracks, index = speaker. */
public record Recording(String id, Platform platform, String bucketName, String objectKey, List<String> trackKeys,
                        Instant recordedAt, String roomName, String meetingId, String status, String errorMsg,
                        Instant createdAt, Instant updatedAt) {
}
