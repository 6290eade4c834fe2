package io.reflector.ingest.webhook;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;

/** An answer a webhook filter gives itself, before any route: a status, headers, and {@code {"message": ...}}. */
final class FilterAnswer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterAnswer() {
    }

    /** @param headerPairs header names and values, alternating */
    static void send(HttpServletResponse response, int status, String message, String... headerPairs)
            throws IOException {
        response.setStatus(status);
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            response.setHeader(headerPairs[i], headerPairs[i + 1]);
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("message", message)));
    }
}
