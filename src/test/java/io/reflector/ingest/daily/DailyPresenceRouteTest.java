package io.reflector.ingest.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.reflector.ingest.support.DailyWebhooks;
import io.reflector.ingest.support.EmbeddedDefaultTest;
import io.reflector.ingest.support.InboxEvents;

/** participant.joined / participant.left through the real webhook, queue and database. */
class DailyPresenceRouteTest extends EmbeddedDefaultTest {
    private static final Instant MEETING_START = Instant.parse("2026-01-15T12:00:00Z");

    @Autowired
    JdbcClient jdbc;

    record SessionRow(String sessionId, String userId, String userName, Instant joinedAt, Instant leftAt) {
    }

    @Test
    void shuffledAndRepeatedEventsLeaveOneRowPerSessionAndCountTheOpenOnes() {
        String room = "presence-" + shortId() + "-20260115120000";
        String meetingId = createMeeting(room);
        String adaJoined = joined(room, "session-a", "user-a", "Ada", 60);
        List<String> events = new ArrayList<>(List.of(
                adaJoined,
                adaJoined,
                joined(room, "session-b", "user-b", "Bob", 90),
                joined(room, "session-b", "user-b", "Bob", 90),
                joined(room, "session-c", "user-c", "Cy", 120),
                left(room, "session-c", "user-c", "Cy", 120, 300.5)));
        Collections.shuffle(events, new Random(20260115));

        post(events);

        assertThat(sessions(meetingId)).containsExactly(
                new SessionRow("session-a", "user-a", "Ada", at(60), null),
                new SessionRow("session-b", "user-b", "Bob", at(90), null),
                new SessionRow("session-c", "user-c", "Cy", at(120), at(420.5)));
        assertThat(numClients(meetingId)).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from inbox_event where event_id = :id")
                .param("id", InboxEvents.idOf(adaJoined)).query(Integer.class).single()).isOne();
    }

    @Test
    void aLeaveBeforeItsJoinConvergesToTheSameRow() {
        String room = "presence-" + shortId() + "-20260115120000";
        String meetingId = createMeeting(room);

        post(List.of(left(room, "session-d", null, null, 30, 45)));
        assertThat(sessions(meetingId)).containsExactly(new SessionRow("session-d", null, null, at(30), at(75)));
        assertThat(numClients(meetingId)).isZero();

        post(List.of(joined(room, "session-d", "user-d", "Dee", 30)));
        assertThat(sessions(meetingId)).containsExactly(new SessionRow("session-d", "user-d", "Dee", at(30), at(75)));
        assertThat(numClients(meetingId)).isZero();
    }

    @Test
    void anEventOfAnUnknownRoomOrWithoutSessionIsProcessedAndChangesNothing() {
        String room = "presence-" + shortId() + "-20260115120000";
        String meetingId = createMeeting(room);
        String unknownRoom = joined("nowhere-" + shortId() + "-20260115120000", "session-x", "user-x", "X", 10);
        String noSession = DailyWebhooks.envelope("ptcpt-join-" + UUID.randomUUID(), "participant.joined",
                "{\"room\":\"" + room + "\",\"user_name\":\"Nobody\"}");

        post(List.of(unknownRoom, noSession));

        assertThat(new InboxEvents(jdbc).processedCleanly(unknownRoom)).isTrue();
        assertThat(new InboxEvents(jdbc).processedCleanly(noSession)).isTrue();
        assertThat(jdbc.sql("select count(*) from participant_session where session_id = 'session-x'")
                .query(Integer.class).single()).isZero();
        assertThat(sessions(meetingId)).isEmpty();
    }

    /** Posts the events in order and waits until each is processed. */
    private void post(List<String> events) {
        DailyWebhooks daily = new DailyWebhooks(http());
        events.forEach(event -> assertThat(daily.post(event).statusCode()).isEqualTo(200));
        events.forEach(new InboxEvents(jdbc)::awaitProcessed);
    }

    private String createMeeting(String room) {
        String id = UUID.randomUUID().toString();
        assertThat(http().apiPost("/v1/meetings", "{\"id\":\"" + id + "\",\"room_name\":\"" + room
                + "\",\"platform\":\"daily\",\"start_date\":\"" + MEETING_START + "\"}").statusCode()).isEqualTo(201);
        return id;
    }

    private static String joined(String room, String session, String userId, String userName, double joinedAfter) {
        return DailyWebhooks.envelope("ptcpt-join-" + UUID.randomUUID(), "participant.joined",
                payload(room, session, userId, userName, joinedAfter) + "}");
    }

    private static String left(String room, String session, String userId, String userName, double joinedAfter,
                               double duration) {
        return DailyWebhooks.envelope("ptcpt-left-" + UUID.randomUUID(), "participant.left",
                payload(room, session, userId, userName, joinedAfter) + ",\"duration\":" + duration + "}");
    }

    /** Without its closing brace; absent user fields are left out, as Daily may. */
    private static String payload(String room, String session, String userId, String userName, double joinedAfter) {
        return "{\"room\":\"" + room + "\",\"session_id\":\"" + session + "\""
                + (userId == null ? "" : ",\"user_id\":\"" + userId + "\"")
                + (userName == null ? "" : ",\"user_name\":\"" + userName + "\"")
                + ",\"joined_at\":"
                + String.format(Locale.ROOT, "%.3f", MEETING_START.getEpochSecond() + joinedAfter);
    }

    private static Instant at(double secondsAfterStart) {
        return MEETING_START.plusMillis(Math.round(secondsAfterStart * 1000));
    }

    private List<SessionRow> sessions(String meetingId) {
        return jdbc.sql("""
                        select session_id, user_id, user_name, joined_at, left_at from participant_session
                        where meeting_id = :id order by session_id""")
                .param("id", meetingId)
                .query((rs, i) -> new SessionRow(rs.getString("session_id"), rs.getString("user_id"),
                        rs.getString("user_name"), instant(rs.getTimestamp("joined_at")),
                        instant(rs.getTimestamp("left_at"))))
                .list();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private int numClients(String meetingId) {
        return jdbc.sql("select num_clients from meeting where id = :id").param("id", meetingId)
                .query(Integer.class).single();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
