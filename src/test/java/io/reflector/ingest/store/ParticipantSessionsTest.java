package io.reflector.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.Eventually;

class ParticipantSessionsTest extends EmbeddedDefaultTest {
    private static final Instant TEN = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant NOON = Instant.parse("2026-01-15T12:00:00Z");
    private static final int SESSIONS = 40;

    @Autowired
    ParticipantSessions sessions;
    @Autowired
    MeetingRepository meetings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void anEventWaitingForAnotherOfItsMeetingCountsWhatTheOtherAdded() throws Exception {
        String room = room();
        String meetingId = meeting(room, NOON);
        AtomicReference<CompletableFuture<ParticipantSessions.Presence>> second = new AtomicReference<>();

        new TransactionTemplate(transactions).executeWithoutResult(first -> {
            sessions.record(room, joined("first", NOON));
            second.set(CompletableFuture.supplyAsync(() -> sessions.record(room, joined("second", NOON)).orElseThrow()));
            Eventually.await(Duration.ofSeconds(30), this::aTransactionWaitsForALockOnMeetings,
                    "the second event to wait for the first");
        });

        assertThat(second.get().get(30, TimeUnit.SECONDS).openSessions()).isEqualTo(2);
        assertThat(numClients(meetingId)).isEqualTo(2);
    }

    @Test
    void eventsOfOneMeetingWorkedAtOnceLeaveTheRightCount() throws Exception {
        String room = room();
        String meetingId = meeting(room, NOON);
        List<Callable<ParticipantSessions.Presence>> events = new ArrayList<>();
        int left = 0;
        for (int i = 0; i < SESSIONS; i++) {
            ParticipantSessions.Session joined = joined("session-" + i, NOON.plusSeconds(i));
            events.add(() -> sessions.record(room, joined).orElseThrow());
            if (i % 3 == 0) {
                ParticipantSessions.Session leaving = new ParticipantSessions.Session(joined.sessionId(), null, null,
                        joined.joinedAt(), joined.joinedAt().plusSeconds(60));
                events.add(() -> sessions.record(room, leaving).orElseThrow());
                left++;
            }
        }
        Collections.shuffle(events, new Random(SESSIONS));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<ParticipantSessions.Presence> done : pool.invokeAll(events)) {
                assertThat(done.get().meetingId()).isEqualTo(meetingId);
            }
        } finally {
            pool.shutdown();
        }

        assertThat(numClients(meetingId)).isEqualTo(SESSIONS - left);
    }

    @Test
    void aSessionBelongsToTheLatestMeetingOfItsRoomStartedBeforeItElseTheFirstAfter() {
        String room = room();
        String morning = meeting(room, TEN);
        String midday = meeting(room, NOON);

        assertThat(meetingOf(room, TEN.plusSeconds(3600))).isEqualTo(morning);
        assertThat(meetingOf(room, NOON.plusSeconds(3600))).isEqualTo(midday);
        assertThat(meetingOf(room, TEN.minusSeconds(3600))).isEqualTo(morning);
    }

    @Test
    void anUnknownRoomHasNoMeeting() {
        assertThat(sessions.record(room(), joined("s", NOON))).isEmpty();
    }

    private String meetingOf(String room, Instant joinedAt) {
        return sessions.record(room, joined(UUID.randomUUID().toString(), joinedAt)).orElseThrow().meetingId();
    }

    private static ParticipantSessions.Session joined(String sessionId, Instant at) {
        return new ParticipantSessions.Session(sessionId, null, null, at, null);
    }

    /** Asked outside the caller's transaction, which would see pg_stat_activity as it was when first read. */
    private boolean aTransactionWaitsForALockOnMeetings() {
        TransactionTemplate outside = new TransactionTemplate(transactions);
        outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return outside.execute(status -> jdbc.sql("""
                        select count(*) > 0 from pg_stat_activity
                        where wait_event_type = 'Lock' and query like '%meeting%'""")
                .query(Boolean.class).single());
    }

    private int numClients(String meetingId) {
        return jdbc.sql("select num_clients from meeting where id = :id").param("id", meetingId)
                .query(Integer.class).single();
    }

    private String meeting(String room, Instant start) {
        return meetings.create(UUID.randomUUID().toString(), null, room, Platform.DAILY, start, null).id();
    }

    private static String room() {
        return "sessions-" + UUID.randomUUID().toString().substring(0, 8) + "-20260115120000";
    }
}
