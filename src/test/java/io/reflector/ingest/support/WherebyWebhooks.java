package io.reflector.ingest.support;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.reflector.ingest.whereby.WherebySignatureVerifier;

/** Posts Whereby webhooks signed the way Whereby signs them, with the embedded default's development secret. */
public final class WherebyWebhooks {
    public static final String DEV_SECRET = "dev-whereby-webhook-secret";
    public static final String PATH = "/v1/whereby";

    private final Http http;

    public WherebyWebhooks(Http http) {
        this.http = http;
    }

    public HttpResponse<String> post(String body) {
        return postSignedAt(Instant.now().getEpochSecond(), body);
    }

    public HttpResponse<String> postSignedAt(long unixSeconds, String body) {
        return postWithSignature(signature(DEV_SECRET, unixSeconds, body), body);
    }

    public HttpResponse<String> postWithSignature(String signatureHeader, String body) {
        return http.postJson(PATH, body, WherebySignatureVerifier.SIGNATURE_HEADER, signatureHeader);
    }

    public static String signature(String secret, long unixSeconds, String signedText) {
        return WherebySignatureVerifier.sign(secret, unixSeconds, signedText.getBytes(StandardCharsets.UTF_8));
    }

    /** An event in Whereby's compact form, {@code data} given as JSON text. */
    public static String event(String id, String type, String dataJson) {
        return "{\"apiVersion\":\"1.0\",\"id\":\"" + id + "\",\"createdAt\":\"" + Instant.now() + "\",\"type\":\""
                + type + "\",\"data\":" + dataJson + "}";
    }

    public static String clientCountEvent(String id, String type, String meetingId, int numClients) {
        return event(id, type, "{\"meetingId\":\"" + meetingId + "\",\"roomName\":\"/standup-" + meetingId
                + "\",\"numClients\":" + numClients + "}");
    }
}
