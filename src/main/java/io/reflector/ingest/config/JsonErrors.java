package io.reflector.ingest.config;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Error bodies of the security layer, in the same {"message": ...} shape as the API's own errors. */
final class JsonErrors {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonErrors() {
    }

    static AuthenticationEntryPoint unauthorized(String message) {
        return (request, response, exception) -> {
            response.setStatus(401);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(MAPPER.writeValueAsString(Map.of("message", message))
                    .getBytes(StandardCharsets.UTF_8));
        };
    }
}
