package io.reflector.ingest.webhook;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.reflector.ingest.config.JsonErrors;

/**
 * Reads a webhook request's body as raw bytes before anything else can, whatever its content type. Without it a form
 * or text body is parsed or read as characters by the servlet layer first, and platform-http then fails on a closed
 * stream (a 500). The route sees the same bytes as an opaque body with no request parameters; what the client
 * declared stays in the {@code Content-Type} header. Only POST is served: anything else is 405 with a JSON message.
 */
public class RawWebhookBody extends OncePerRequestFilter {
    private final int maxBytes;

    /** @param maxBytes read at most one byte more than this, so the route's limit still sees an oversized body */
    public RawWebhookBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod())) {
            JsonErrors.send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    request.getMethod() + " is not allowed here; webhooks are POSTed", "Allow", "POST");
            return;
        }
        long declared = request.getContentLengthLong();
        byte[] body = declared > maxBytes
                ? new byte[0] // refused on its declared length alone; the route answers 413
                : request.getInputStream().readNBytes(maxBytes + 1);
        chain.doFilter(new Request(request, body), response);
    }

    private static final class Request extends HttpServletRequestWrapper {
        private final byte[] body;

        Request(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }
}
