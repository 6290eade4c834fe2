package io.reflector.ingest.support;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.reflector.ingest.daily.DailySignatureVerifier;

/** Posts Daily webhooks signed the way Daily signs them, with the embedded default's development secret. */
public final class DailyWebhooks {
    public static final String DEV_SECRET = "ZGV2LWRhaWx5LXdlYmhvb2stc2VjcmV0LTMyYnl0ZXM=";
    public static final String PATH = "/v1/daily/webhook";

    private final Http http;

    public DailyWebhooks(Http http) {
        this.http = http;
    }

    public HttpResponse<String> post(String body) {
        return postSignedWith(DEV_SECRET, body);
    }

    public HttpResponse<String> postSignedWith(String secret, String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String signature = DailySignatureVerifier.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
        return http.postJson(PATH, body, DailySignatureVerifier.SIGNATURE_HEADER, signature,
                DailySignatureVerifier.TIMESTAMP_HEADER, timestamp);
    }

    public static String envelope(String id, String type, String payloadJson) {
        return "{\"version\":\"1.0.0\",\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"payload\":" + payloadJson
                + ",\"event_ts\":" + Instant.now().getEpochSecond() + ".5}";
    }
}
