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
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        String path = contextPath.isEmpty() ? uri : uri.substring(Math.min(contextPath.length(), uri.length()));
        return DAILY.equals(path) || WHEREBY.equals(path);
    }
}
