package io.reflector.ingest.whereby;

import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.reflector.ingest.store.Inbox;
import io.reflector.ingest.store.MeetingRepository;

/**
 * Works one inboxed Whereby event, right in the webhook request: its only effect is one idempotent update, so it
 * needs no queue. An event already processed is left alone; one whose earlier delivery failed is worked again when
 * Whereby retries it.
 */
@Component
public class WherebyEventDispatcher {
    public static final String PROVIDER = "whereby";
    private static final Logger log = LoggerFactory.getLogger(WherebyEventDispatcher.class);

    private final Inbox inbox;
    private final MeetingRepository meetings;

    public WherebyEventDispatcher(Inbox inbox, MeetingRepository meetings) {
        this.inbox = inbox;
        this.meetings = meetings;
    }

    /**
     * @throws RuntimeException after noting the reason on the inbox row, so the webhook answers 500 and Whereby retries
     */
    @Handler
    public void dispatch(WherebyDelivery delivery) {
        WherebyEvent event = delivery.event();
        if (!inbox.work(PROVIDER, event.id(), stored -> work(event))) {
            log.info("Whereby event {} ({}) already processed; duplicate ignored", event.id(), event.type());
        }
    }

    private void work(WherebyEvent event) {
        MeetingClientCount count = event.clientCount();
        if (count == null) {
            log.info("Whereby event {} of type {} needs no work here", event.id(), event.type());
        } else if (meetings.setNumClients(count.meetingId(), count.numClients())) {
            log.info("Whereby event {} ({}): meeting {} num_clients = {}", event.id(), event.type(), count.meetingId(),
                    count.numClients());
        } else {
            // Answered 200 all the same: a retry by Whereby cannot make the meeting appear.
            log.warn("Whereby event {} ({}): no meeting {}; its client count ({}) is not recorded", event.id(),
                    event.type(), count.meetingId(), count.numClients());
        }
    }
}
