package io.reflector.ingest.store;

import java.sql.SQLException;
import java.util.Optional;

/**
 * PostgreSQL refusing a value as data (SQLSTATE class 22: out of range, untranslatable character, invalid text
 * representation): the input was bad, not the service, so the caller answers 400 rather than 500.
 */
public final class RejectedData {
    private RejectedData() {
    }

    /** @return PostgreSQL's own words when {@code failure} (or a cause) is a data exception */
    public static Optional<String> reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                String message = sql.getMessage();
                int detail = message.indexOf('\n');
                return Optional.of(detail < 0 ? message : message.substring(0, detail));
            }
        }
        return Optional.empty();
    }
}
