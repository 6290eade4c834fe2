package io.reflector.ingest.events;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * This instance's one LISTEN connection: woken by {@code NOTIFY transcript_event} from any instance, it reads every
 * row after the last one it has seen and hands them to the {@link EventHub}. A lost connection is opened again and
 * nothing is missed, because the rows, not the notifications, are what is read. Without a notification it still
 * looks every {@link #POLL}, a net under a notification that never arrives.
 */
@Component
class PostgresEventFeed implements SmartLifecycle {
    static final String CHANNEL = "transcript_event";
    private static final Logger log = LoggerFactory.getLogger(PostgresEventFeed.class);
    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final int PAGE = 1000;

    private final DataSource dataSource;
    private final EventLog eventLog;
    private final EventHub hub;
    private volatile Thread thread;
    private volatile boolean running;
    private long cursor;

    PostgresEventFeed(DataSource dataSource, EventLog eventLog, EventHub hub) {
        this.dataSource = dataSource;
        this.eventLog = eventLog;
        this.hub = hub;
    }

    @Override
    public void start() {
        cursor = eventLog.latestId();
        running = true;
        thread = new Thread(this::listen, "transcript-event-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                log.info("Listening to PostgreSQL for transcript events after id {}", cursor);
                while (running) {
                    // events committed while nobody listened (startup, a reconnect) are read first
                    readNew();
                    notifications.getNotifications((int) POLL.toMillis());
                }
            } catch (SQLException | DataAccessException e) {
                if (running) {
                    log.warn("Transcript event feed lost its PostgreSQL connection, reconnecting: {}", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void readNew() {
        List<TranscriptEvent> page;
        do {
            page = eventLog.after(cursor, null, PAGE);
            if (!page.isEmpty()) {
                hub.deliver(page);
                cursor = page.get(page.size() - 1).id();
            }
        } while (page.size() == PAGE);
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
