package io.reflector.ingest.store;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

public record Room(String id, String name, Platform platform, String userId, String webhookUrl,
                   @JsonIgnore String webhookSecret, Instant createdAt) {

    /** The secret itself is never read back through the API. */
    @JsonProperty
    public boolean hasWebhookSecret() {
        return webhookSecret != null && !webhookSecret.isEmpty();
    }
}
