package io.reflector.ingest.daily;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.camel.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.reflector.ingest.config.ReflectorProperties;
import io.reflector.ingest.store.Inbox;
import io.reflector.ingest.store.PollCursors;
import io.reflector.ingest.store.RecordingRepository;

/**
 * The backstop for missed {@code recording.ready-to-download} webhooks (spec 2.9, 12 #42). Reads the recordings
 * Daily created since the cursor, page by page from the oldest, and inboxes the event Daily would have sent for
 * every finished raw-tracks recording with audio that we have not registered. The events then take the webhook's
 * path, where registration and the transcript claim make sure a recording is processed once, however many of
 * poller and webhook report it.
 * <p>
 * The cursor is the newest recording up to which every listed one is settled. Each page's events and cursor are
 * committed together, so a crash neither loses a recording nor skips one. The very first poll starts from the
 * newest page: what happened before the backstop existed is not its business.
 */
@Component
public class DailyRecordingPoller {
    static final String CURSOR = "daily-recordings";
    /** Daily allows about 50 {@code GET /recordings} per 30 s; the rest of a long backlog waits for the next poll. */
    static final int MAX_PAGES_PER_POLL = 20;
    private static final Logger log = LoggerFactory.getLogger(DailyRecordingPoller.class);

    private final DailyApiClient daily;
    private final Inbox inbox;
    private final RecordingRepository recordings;
    private final PollCursors cursors;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Duration inProgressLimit;

    public DailyRecordingPoller(DailyApiClient daily, Inbox inbox, RecordingRepository recordings, PollCursors cursors,
                                TransactionTemplate transactions, Clock clock, ReflectorProperties properties) {
        this.daily = daily;
        this.inbox = inbox;
        this.recordings = recordings;
        this.cursors = cursors;
        this.transactions = transactions;
        this.clock = clock;
        this.inProgressLimit = properties.daily().inProgressLimit();
    }

    /**
     * @return the ids of the events inboxed by this poll, to be queued; a failed call to Daily ends the poll with
     *         what the pages before it inboxed, and the next poll goes on from the cursor
     */
    @Handler
    public List<String> poll() {
        List<String> inboxed = new ArrayList<>();
        String readFrom = cursors.position(CURSOR).orElse(null);
        boolean held = false;
        try {
            for (int pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
                List<DailyListedRecording> newestFirst = daily.recordingsNewerThan(readFrom);
                if (newestFirst.isEmpty()) {
                    break;
                }
                DailyRecordingsPage page = DailyRecordingsPage.read(newestFirst, held, clock.instant(), inProgressLimit);
                report(page);
                inboxed.addAll(commit(page));
                held = page.held();
                if (newestFirst.size() < DailyApiClient.PAGE_SIZE) {
                    break;
                }
                readFrom = newestFirst.get(0).id();
            }
        } catch (DailyApiException e) {
            log.warn("Polling Daily's recordings stopped after {} new event(s), the next poll goes on: {}",
                    inboxed.size(), e.getMessage());
        }
        return inboxed;
    }

    private List<String> commit(DailyRecordingsPage page) {
        Instant now = clock.instant();
        return transactions.execute(status -> {
            Set<String> registered = recordings.registered(page.ingestible().stream().map(DailyListedRecording::id).toList());
            List<String> added = new ArrayList<>();
            for (DailyListedRecording recording : page.ingestible()) {
                if (!registered.contains(recording.id()) && inbox.add(DailyEventDispatcher.PROVIDER, recording.eventId(),
                        DailyListedRecording.READY_TO_DOWNLOAD, recording.readyToDownloadEvent(now))) {
                    log.info("Daily recording {} (room {}) is finished and not registered here: inboxed as {}",
                            recording.id(), recording.roomName(), recording.eventId());
                    added.add(recording.eventId());
                }
            }
            if (page.cursor() != null) {
                cursors.move(CURSOR, page.cursor());
            }
            return added;
        });
    }

    private void report(DailyRecordingsPage page) {
        page.givenUp().forEach(recording -> log.warn("Daily recording {} (room {}) has been in progress since {}, "
                        + "longer than {}: no longer waited for", recording.id(), recording.roomName(),
                recording.startTs() == null ? "an unknown time" : Instant.ofEpochSecond(recording.startTs()),
                inProgressLimit));
        page.silent().forEach(recording -> log.warn("Daily recording {} (room {}) is finished without a microphone track; "
                + "nothing to ingest", recording.id(), recording.roomName()));
    }
}
