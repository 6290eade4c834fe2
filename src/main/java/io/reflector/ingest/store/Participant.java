package io.reflector.ingest.store;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A speaker of a transcript: {@code speaker} is the index of their track, {@code id} the platform's participant id. */
public record Participant(String id, int speaker, String name, @JsonProperty("user_id") String userId) {
}
