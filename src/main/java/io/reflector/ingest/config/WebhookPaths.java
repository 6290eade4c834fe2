package io.reflector.ingest.config;

import jakarta.servlet.http.HttpServletRequest;

/** Endpoints the video platforms call; they authenticate by signature, not by API key. */
public final class WebhookPaths {
    public static final String DAILY = "/v1/daily/webhook";
    public static final String WHEREBY = "/v1/whereby";

    private WebhookPaths() {
    }

    /**
     * An exact comparison of the path, nothing more: it runs for every request, twice for a webhook (platform-http
     * answers through an async dispatch), and a pattern matcher that consults Spring MVC's handler mappings cost a
     * fifth of a webhook's time under load.
     */
    public static boolean matches(HttpServletRequest request) {
        // the request URI always begins with the context path
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return DAILY.equals(path) || WHEREBY.equals(path);
    }
}
