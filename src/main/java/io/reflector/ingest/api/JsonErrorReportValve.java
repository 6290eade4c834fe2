package io.reflector.ingest.api;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tomcat's own error answers (a URI it refuses, such as an encoded NUL, an encoded slash or invalid UTF-8, before
 * the request reaches the application) as {@code {"message": ...}} instead of an HTML page. Public with a no-argument
 * constructor: Tomcat's host instantiates it by class name.
 */
public class JsonErrorReportValve extends ErrorReportValve {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String message = known == null ? "HTTP " + status : status + " " + known.getReasonPhrase()
                + (status < 500 ? ": the request line or headers are malformed" : "");
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(Map.of("message", message)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is committed: nothing more can be said
        }
    }
}
