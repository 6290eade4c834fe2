package io.reflector.ingest.api;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.reflector.ingest.store.RejectedData;

/** Every API error is {@code {"message": "..."}}; a bad body names the field. */
@RestControllerAdvice(basePackages = "io.reflector.ingest.api")
class ApiErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<byte[]> notFound(NotFoundException e) {
        return error(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<byte[]> badRequest(BadRequestException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<byte[]> conflict(ConflictException e) {
        return error(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<byte[]> invalid(MethodArgumentNotValidException e) {
        return error(HttpStatus.BAD_REQUEST, e.getBindingResult().getFieldErrors().stream()
                .map(error -> jsonName(error.getField()) + ": " + error.getDefaultMessage())
                .sorted()
                .collect(Collectors.joining("; ")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<byte[]> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String problem = mismatch instanceof InvalidFormatException format
                    ? "cannot read '" + format.getValue() + "' as " + format.getTargetType().getSimpleName()
                    : mismatch instanceof MismatchedInputException ? "wrong type" : "invalid value";
            return error(HttpStatus.BAD_REQUEST, field + ": " + problem);
        }
        return error(HttpStatus.BAD_REQUEST, "request body is not valid JSON");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<byte[]> badParameter(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, e.getName() + ": invalid value '" + e.getValue() + "'");
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<byte[]> duplicate(DuplicateKeyException e) {
        return error(HttpStatus.CONFLICT, "already exists");
    }

    /** PostgreSQL refused a value as data: bad input. Anything else stays a 500 and is logged by the container. */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<byte[]> refusedByDatabase(DataAccessException e) {
        return error(HttpStatus.BAD_REQUEST, "a value cannot be stored: " + RejectedData.reason(e).orElseThrow(() -> e));
    }

    static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    /**
     * Serialised here, with its content type set: the client's {@code Accept} header (image/png, say) must not turn
     * an error into a failure to render it.
     */
    private static ResponseEntity<byte[]> error(HttpStatus status, String message) {
        try {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                    .body(JSON.writeValueAsBytes(Map.of("message", message)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of one string is always JSON", e);
        }
    }
}
