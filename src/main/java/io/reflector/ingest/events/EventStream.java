package io.reflector.ingest.events;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's open stream: first what it missed (read from PostgreSQL), then the live events the feed hands it,
 * each sent once, in id order, by this stream's own thread. The feed only ever offers to the bounded queue, so a
 * slow or dead client holds up nobody but itself; one that lets the queue fill up is dropped.
 */
final class EventStream implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(EventStream.class);
    private static final int REPLAY_PAGE = 500;
    /** Tells EventSource how soon to reconnect after the stream ends (dropped, instance stopping). */
    private static final long RECONNECT_MILLIS = 1000;

    private final String transcriptId;
    private final SseEmitter emitter;
    private final BlockingQueue<TranscriptEvent> queue;
    private final EventLog eventLog;
    private final Duration heartbeat;
    private final Runnable onEnd;
    private volatile boolean open = true;
    private long sent;

    /**
     * @param transcriptId null: every transcript's events
     * @param after        the last id the client has; what follows it is replayed
     * @param onEnd        run by the stream's thread as it ends
     */
    EventStream(String transcriptId, long after, SseEmitter emitter, EventLog eventLog, int buffer,
                Duration heartbeat, Runnable onEnd) {
        this.transcriptId = transcriptId;
        this.sent = after;
        this.emitter = emitter;
        this.eventLog = eventLog;
        this.queue = new ArrayBlockingQueue<>(buffer);
        this.heartbeat = heartbeat;
        this.onEnd = onEnd;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
    }

    enum Offer { QUEUED, NOT_ITS_OWN, DROPPED }

    /**
     * Called by the feed's thread, and never blocks: a client whose queue is full is only marked closed here (the
     * emitter's own methods take a lock a blocked write holds); its thread ends the stream.
     *
     * @return {@link Offer#DROPPED} when this event found the queue full and let the client go
     */
    Offer offer(TranscriptEvent event) {
        if (!open || (transcriptId != null && !transcriptId.equals(event.transcriptId()))) {
            return Offer.NOT_ITS_OWN;
        }
        if (!queue.offer(event)) {
            log.info("Event stream dropped: its client is {} events behind", queue.size());
            close();
            return Offer.DROPPED;
        }
        return Offer.QUEUED;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void run() {
        try {
            emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("events after " + sent));
            replay();
            while (open) {
                TranscriptEvent event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (!open) {
                    break;
                }
                if (event == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else {
                    send(event);
                }
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the stream was completed meanwhile
            log.debug("Event stream ended: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
            emitter.complete();
            onEnd.run();
        }
    }

    private void replay() throws IOException {
        List<TranscriptEvent> page;
        do {
            page = eventLog.after(sent, transcriptId, REPLAY_PAGE);
            for (TranscriptEvent event : page) {
                send(event);
            }
        } while (open && page.size() == REPLAY_PAGE);
    }

    /** Events the replay already sent come again from the live queue: each id goes out once. */
    private void send(TranscriptEvent event) throws IOException {
        if (event.id() <= sent) {
            return;
        }
        emitter.send(SseEmitter.event().id(Long.toString(event.id())).data(event, MediaType.APPLICATION_JSON));
        sent = event.id();
    }

    /** No more events are taken; the stream's thread ends it at its next step. */
    private void close() {
        open = false;
    }
}
