package io.reflector.ingest.whereby;

import org.apache.camel.Handler;
import org.springframework.stereotype.Component;

import io.reflector.ingest.store.Inbox;

/** Stores an admitted Whereby webhook in the inbox, once per event id; a repeated id leaves the stored one. */
@Component
public class WherebyWebhookInbox {
    private final Inbox inbox;

    WherebyWebhookInbox(Inbox inbox) {
        this.inbox = inbox;
    }

    @Handler
    public void store(WherebyDelivery delivery) {
        WherebyEvent event = delivery.event();
        inbox.add(WherebyEventDispatcher.PROVIDER, event.id(), event.type(), delivery.payload());
    }
}
