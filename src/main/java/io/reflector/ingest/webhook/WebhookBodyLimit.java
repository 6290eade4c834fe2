package io.reflector.ingest.webhook;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Reads a webhook request body, refusing with 413 anything over the limit before it is verified or parsed. */
public final class WebhookBodyLimit {
    private final int maxBytes;

    public WebhookBodyLimit(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @return the body exactly as received (the bytes a signature covers), empty when there is none
     * @throws WebhookRejectedException 413, when the declared or the actual size is over the limit
     */
    public byte[] read(Message message) {
        Long declared = message.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBytes) {
            throw tooLarge(declared);
        }
        byte[] body = message.getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        if (body.length > maxBytes) {
            throw tooLarge(body.length);
        }
        return body;
    }

    private WebhookRejectedException tooLarge(long size) {
        return new WebhookRejectedException(413, "body of " + size + " bytes is over the limit of " + maxBytes);
    }
}
