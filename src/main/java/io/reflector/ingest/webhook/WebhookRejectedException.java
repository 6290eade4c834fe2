package io.reflector.ingest.webhook;

/** A webhook request we refuse: the route answers {@code status} with {@code {"message": ...}}. */
public class WebhookRejectedException extends RuntimeException {
    private final int status;

    public WebhookRejectedException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int getStatus() {
        return status;
    }
}
