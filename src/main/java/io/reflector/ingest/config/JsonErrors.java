package io.reflector.ingest.config;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Error answers written straight to the servlet response, by the security layer and by the webhook filters, which
 * answer before any controller or route: in the same {@code {"message": ...}} shape as the API's own errors.
 */
public final class JsonErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonErrors() {
    }

    /** @param headerPairs header names and values, alternating */
    public static void send(HttpServletResponse response, int status, String message, String... headerPairs)
            throws IOException {
        response.setStatus(status);
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            response.setHeader(headerPairs[i], headerPairs[i + 1]);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(MAPPER.writeValueAsBytes(Map.of("message", message)));
    }

    static AuthenticationEntryPoint unauthorized(String message) {
        return (request, response, exception) -> send(response, HttpServletResponse.SC_UNAUTHORIZED, message);
    }
}
