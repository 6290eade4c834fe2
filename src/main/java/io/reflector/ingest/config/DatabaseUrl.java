package io.reflector.ingest.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reflector's {@code DATABASE_URL} ({@code postgresql+asyncpg://user:password@host:5432/db}, any driver suffix)
 * or a plain JDBC URL, as the JDBC URL, user and password the data source wants.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String value) {
        if (value.startsWith("jdbc:")) {
            return new DatabaseUrl(value, null, null);
        }
        URI uri = URI.create(value.trim());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("postgres") && !scheme.startsWith("postgresql")) {
            throw new IllegalArgumentException("DATABASE_URL must be a postgresql:// or jdbc:postgresql: URL, got scheme '"
                    + scheme + "'");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("DATABASE_URL has no host: " + redacted(uri));
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String username = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            username = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        return new DatabaseUrl(jdbc, username, password);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String redacted(URI uri) {
        return uri.getScheme() + "://***@" + uri.getRawPath();
    }
}
