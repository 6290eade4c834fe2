package io.reflector.ingest.api;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the servlet layer answers on its own (no such path, method not allowed, unsupported or unacceptable media
 * type, a request the firewall rejects) in the API's shape, {@code {"message": ...}}. Written straight to the
 * response: the client's {@code Accept} header may be the very thing that failed, so no content negotiation here.
 */
@Controller
class ErrorResponses implements ErrorController {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value ? value : HttpStatus.NOT_FOUND.value();
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "HTTP " + status : status + " " + known.getReasonPhrase();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String message = status >= 500 ? reason : reason + (uri == null ? "" : ": " + uri);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(Map.of("message", message)));
    }
}
