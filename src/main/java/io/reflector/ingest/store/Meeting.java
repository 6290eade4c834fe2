package io.reflector.ingest.store;

import java.time.Instant;

/** A meeting on a platform; {@code id} is the platform's own id, {@code roomName} the platform room name. */
public record Meeting(String id, String roomId, String roomName, Platform platform, Instant startDate,
                      Instant endDate, int numClients, boolean isActive, Instant createdAt) {
}
