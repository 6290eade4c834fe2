package io.reflector.ingest.store;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

public enum Platform {
    DAILY, WHEREBY;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Platform of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
