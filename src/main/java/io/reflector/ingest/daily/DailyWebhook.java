package io.reflector.ingest.daily;

import static io.reflector.ingest.daily.DailyPayloadFields.text;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook registered with Daily, as {@code GET /webhooks} lists it. Daily sets {@code state} to {@code FAILED}
 * after 3 failed deliveries in a row and then sends nothing more until the webhook is updated (spec 2.9).
 *
 * @param state       {@code ACTIVE}, or what stopped it ({@code FAILED}; Daily's reference also names
 *                    {@code INACTIVE})
 * @param failedCount consecutive failed deliveries, null if Daily leaves it out
 */
public record DailyWebhook(String uuid, String url, String state, Integer failedCount) {

    public static DailyWebhook parse(JsonNode webhook) {
        JsonNode failed = webhook.get("failedCount");
        return new DailyWebhook(text(webhook, "uuid"), text(webhook, "url"), text(webhook, "state"),
                failed != null && failed.isNumber() ? failed.intValue() : null);
    }

    /** Anything but ACTIVE means Daily is not sending us events through it. */
    public boolean isDelivering() {
        return "ACTIVE".equals(state);
    }
}
