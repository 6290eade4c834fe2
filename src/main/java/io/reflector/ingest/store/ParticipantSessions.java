package io.reflector.ingest.store;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who is in a Daily meeting: one row per participant session, merged from any number of events in any order, and
 * the meeting's {@code num_clients} recomputed from those rows. A counter bumped per event drifts for ever after a
 * duplicate, a re-ordering or a lost event (spec §12 #5); a recount converges.
 */
@Repository
public class ParticipantSessions {
    private final JdbcClient jdbc;

    ParticipantSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What one event says about a session; null where it says nothing.
     *
     * @param leftAt null while, as far as this event knows, the participant is in the meeting
     */
    public record Session(String sessionId, String userId, String userName, Instant joinedAt, Instant leftAt) {

        /** The moment that places the session among the meetings of its room: when it joined, else when it left. */
        Instant seenAt() {
            return joinedAt != null ? joinedAt : leftAt;
        }
    }

    /** @param openSessions sessions that have joined and not left, now the meeting's {@code num_clients} */
    public record Presence(String meetingId, int openSessions) {
    }

    /**
     * @param roomName the full Daily room name
     * @return empty when no meeting has that room name
     */
    @Transactional
    public Optional<Presence> record(String roomName, Session session) {
        Optional<String> meetingId = lockMeeting(roomName, session.seenAt());
        meetingId.ifPresent(id -> merge(id, session));
        return meetingId.map(id -> new Presence(id, recount(id)));
    }

    /**
     * The latest meeting of the room that had started when the session was seen, else the first one after. Locked,
     * so that events of one meeting are merged and counted one after the other: a count taken concurrently with
     * another event's change could be stored last and be wrong. A no-key lock, which rows referencing the meeting
     * (recordings, consents) need not wait for.
     */
    private Optional<String> lockMeeting(String roomName, Instant seenAt) {
        return jdbc.sql("""
                        select id from meeting
                        where room_name = :roomName and platform = :platform
                        order by start_date <= cast(:at as timestamptz) desc,
                                 abs(extract(epoch from (start_date - cast(:at as timestamptz)))), id
                        limit 1
                        for no key update""")
                .param("roomName", roomName).param("platform", Platform.DAILY.id())
                .param("at", Rows.timestamp(seenAt))
                .query(String.class)
                .optional();
    }

    /**
     * Every rule is independent of the order the events come in: names fill in what is missing, and least() skips
     * nulls, so a join never reopens a session a leave closed, and of two times given for one moment the earliest
     * (the exact one rather than the time the event was sent) wins.
     */
    private void merge(String meetingId, Session session) {
        jdbc.sql("""
                        insert into participant_session (meeting_id, session_id, user_id, user_name, joined_at, left_at)
                        values (:meetingId, :sessionId, :userId, :userName, :joinedAt, :leftAt)
                        on conflict (meeting_id, session_id) do update set
                            user_id = coalesce(participant_session.user_id, excluded.user_id),
                            user_name = coalesce(participant_session.user_name, excluded.user_name),
                            joined_at = least(participant_session.joined_at, excluded.joined_at),
                            left_at = least(participant_session.left_at, excluded.left_at),
                            updated_at = now()""")
                .param("meetingId", meetingId).param("sessionId", session.sessionId())
                .param("userId", session.userId()).param("userName", session.userName())
                .param("joinedAt", Rows.timestamp(session.joinedAt())).param("leftAt", Rows.timestamp(session.leftAt()))
                .update();
    }

    private int recount(String meetingId) {
        return jdbc.sql("""
                        update meeting set num_clients =
                            (select count(*) from participant_session where meeting_id = :id and left_at is null)
                        where id = :id
                        returning num_clients""")
                .param("id", meetingId)
                .query(Integer.class).single();
    }
}
