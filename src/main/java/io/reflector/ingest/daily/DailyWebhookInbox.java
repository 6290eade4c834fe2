package io.reflector.ingest.daily;

import org.apache.camel.Handler;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

import io.reflector.ingest.store.Inbox;

/**
 * Stores an admitted Daily webhook event in the inbox, once per envelope id. A plain JDBC insert: camel-sql's
 * named parameters cost a type-conversion search and an exchange copy per parameter and a parameter-metadata round
 * trip to PostgreSQL per insert, most of the webhook's time under load.
 */
@Component
public class DailyWebhookInbox {
    private final Inbox inbox;

    DailyWebhookInbox(Inbox inbox) {
        this.inbox = inbox;
    }

    /** @return whether the event is new, i.e. is to be queued; a repeated id is answered and ignored */
    @Handler
    public boolean store(@Header(DailyWebhookIntake.EVENT_ID) String eventId,
                         @Header(DailyWebhookIntake.EVENT_TYPE) String eventType,
                         @Header(DailyWebhookIntake.PAYLOAD) String payload) {
        return inbox.add(DailyEventDispatcher.PROVIDER, eventId, eventType, payload);
    }
}
