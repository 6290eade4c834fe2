package io.reflector.ingest.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Column readers shared by the repositories. */
final class Rows {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Rows() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp timestamp(Instant value) {
        return value == null ? null : Timestamp.from(value);
    }

    static JsonNode json(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        try {
            return value == null ? null : MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("column " + column + " holds invalid JSON", e);
        }
    }

    static List<String> stringList(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        try {
            return value == null ? null : MAPPER.readValue(value, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("column " + column + " is not a JSON array of strings", e);
        }
    }

    /** JSON text for a jsonb parameter; null stays SQL null. */
    static String toJson(Object value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
