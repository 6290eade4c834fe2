package io.reflector.ingest.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The open event streams of this instance, at most {@code reflector.events.max-streams}, each written by a thread
 * of its own (a client's socket may block; nothing else must). The feed hands every new event to all of them.
 */
@Component
public class EventHub implements SmartLifecycle {
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();
    private final Semaphore slots;
    private final ExecutorService writers;
    private final EventLog eventLog;
    private final EventsProperties properties;
    private final Counter dropped;
    private volatile boolean running;

    EventHub(EventLog eventLog, EventsProperties properties, MeterRegistry registry) {
        this.eventLog = eventLog;
        this.properties = properties;
        Gauge.builder("reflector.event.streams", streams, Set::size)
                .description("event streams this instance holds open").register(registry);
        this.dropped = Counter.builder("reflector.event.streams.dropped")
                .description("event streams let go because their client fell behind by reflector.events.client-buffer")
                .register(registry);
        this.slots = new Semaphore(properties.maxStreams());
        AtomicInteger threads = new AtomicInteger();
        // never more threads than slots: the semaphore is taken before a stream is started
        this.writers = new ThreadPoolExecutor(0, properties.maxStreams(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "event-stream-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Opens a stream of one transcript's events (or every transcript's, for null) after the given id.
     *
     * @return empty when this instance already holds as many streams as it may
     */
    public Optional<SseEmitter> open(String transcriptId, long after) {
        if (!slots.tryAcquire()) {
            return Optional.empty();
        }
        // no timeout of its own: the heartbeat finds clients that are gone, EventSource reconnects on its own
        SseEmitter emitter = new SseEmitter(0L);
        EventStream[] stream = new EventStream[1];
        stream[0] = new EventStream(transcriptId, after, emitter, eventLog, properties.clientBuffer(),
                properties.heartbeat(), () -> {
                    streams.remove(stream[0]);
                    slots.release();
                });
        // listening before the replay reads PostgreSQL: an event is either in the replay or in the queue
        streams.add(stream[0]);
        try {
            writers.execute(stream[0]);
        } catch (RejectedExecutionException e) {
            // the thread of a stream that has just released its slot is not back in the pool yet
            streams.remove(stream[0]);
            slots.release();
            return Optional.empty();
        }
        return Optional.of(emitter);
    }

    /** Where a stream that asks for no replay starts. */
    public long latestId() {
        return eventLog.latestId();
    }

    public int openStreams() {
        return streams.size();
    }

    /** The feed's new events, in id order, to every open stream; returns at once whatever the clients do. */
    void deliver(List<TranscriptEvent> events) {
        for (TranscriptEvent event : events) {
            for (EventStream stream : streams) {
                if (stream.offer(event) == EventStream.Offer.DROPPED) {
                    dropped.increment();
                }
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /**
     * Before the web server's graceful shutdown, which would wait for these never-ending requests: every stream's
     * thread is interrupted and ends its stream (EventSource reconnects, to another instance).
     */
    @Override
    public void stop() {
        running = false;
        writers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
