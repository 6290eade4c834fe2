package io.reflector.ingest.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class MeetingRepository {
    private static final RowMapper<Meeting> MEETING = (rs, i) -> new Meeting(rs.getString("id"),
            rs.getString("room_id"), rs.getString("room_name"), Platform.of(rs.getString("platform")),
            Rows.instant(rs, "start_date"), Rows.instant(rs, "end_date"), rs.getInt("num_clients"),
            rs.getBoolean("is_active"), Rows.instant(rs, "created_at"));

    private final JdbcClient jdbc;

    MeetingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Also links the recordings that arrived before their meeting was known (spec §4.7, within a week). */
    @Transactional
    public Meeting create(String id, String roomId, String roomName, Platform platform, Instant startDate,
                          Instant endDate) {
        Meeting meeting = jdbc.sql("""
                        insert into meeting (id, room_id, room_name, platform, start_date, end_date)
                        values (:id, :roomId, :roomName, :platform, :startDate, :endDate) returning *""")
                .param("id", id)
                .param("roomId", roomId)
                .param("roomName", roomName)
                .param("platform", platform.id())
                .param("startDate", Rows.timestamp(startDate))
                .param("endDate", Rows.timestamp(endDate))
                .query(MEETING).single();
        jdbc.sql("""
                        update recording set meeting_id = :id, updated_at = now()
                        where meeting_id is null and room_name = :roomName
                          and recorded_at between cast(:start as timestamptz) - interval '7 days'
                                              and cast(:start as timestamptz) + interval '7 days'""")
                .param("id", id).param("roomName", roomName).param("start", Rows.timestamp(startDate)).update();
        jdbc.sql("""
                        update transcript t set meeting_id = r.meeting_id, room_id = :roomId, updated_at = now()
                        from recording r where r.id = t.recording_id and r.meeting_id = :id and t.meeting_id is null""")
                .param("id", id).param("roomId", roomId).update();
        return meeting;
    }

    /** Latest start first, {@code limit} at most, from {@code cursor} on. */
    public Page<Meeting> page(String roomId, int limit, Page.Cursor cursor) {
        List<Meeting> rows = jdbc.sql("""
                        select * from meeting where (:roomId::text is null or room_id = :roomId)
                          and (cast(:at as timestamptz) is null or (start_date, id) < (cast(:at as timestamptz), :id))
                        order by start_date desc, id desc limit :limit""")
                .param("roomId", roomId).param("at", Rows.timestamp(cursor.at())).param("id", cursor.id())
                .param("limit", limit + 1)
                .query(MEETING).list();
        return Page.of(rows, limit, meeting -> new Page.Cursor(meeting.startDate(), meeting.id()));
    }

    /** @return false when there is no meeting with that id */
    public boolean setNumClients(String id, int numClients) {
        return jdbc.sql("update meeting set num_clients = :numClients where id = :id")
                .param("id", id).param("numClients", numClients)
                .update() == 1;
    }

    /** Spec §4.7: the id of the meeting with that platform room name starting closest to {@code at}, within a week. */
    public Optional<String> closestTo(String roomName, Instant at) {
        if (roomName == null) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select id from meeting
                        where room_name = :roomName
                          and start_date between cast(:at as timestamptz) - interval '7 days' and cast(:at as timestamptz) + interval '7 days'
                        order by abs(extract(epoch from (start_date - cast(:at as timestamptz)))), id
                        limit 1""")
                .param("roomName", roomName).param("at", Rows.timestamp(at))
                .query(String.class)
                .optional();
    }

    public Optional<Meeting> findById(String id) {
        return jdbc.sql("select * from meeting where id = :id").param("id", id).query(MEETING).optional();
    }
}
