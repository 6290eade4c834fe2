package io.reflector.ingest.config;

/** Endpoints the video platforms call; they authenticate by signature, not by API key. */
public final class WebhookPaths {
    public static final String DAILY = "/v1/daily/webhook";
    public static final String WHEREBY = "/v1/whereby";

    private WebhookPaths() {
    }
}
