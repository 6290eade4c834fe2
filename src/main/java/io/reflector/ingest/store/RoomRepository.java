package io.reflector.ingest.store;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class RoomRepository {
    private static final RowMapper<Room> ROOM = (rs, i) -> new Room(rs.getString("id"), rs.getString("name"),
            Platform.of(rs.getString("platform")), rs.getString("user_id"), rs.getString("webhook_url"),
            rs.getString("webhook_secret"), Rows.instant(rs, "created_at"));

    private final JdbcClient jdbc;

    RoomRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Room create(String name, Platform platform, String userId, String webhookUrl, String webhookSecret) {
        return jdbc.sql("""
                        insert into room (id, name, platform, user_id, webhook_url, webhook_secret)
                        values (:id, :name, :platform, :userId, :webhookUrl, :webhookSecret) returning *""")
                .param("id", UUID.randomUUID().toString())
                .param("name", name)
                .param("platform", platform.id())
                .param("userId", userId)
                .param("webhookUrl", webhookUrl)
                .param("webhookSecret", webhookSecret)
                .query(ROOM).single();
    }

    /** Newest first, {@code limit} at most, from {@code cursor} on. */
    public Page<Room> page(int limit, Page.Cursor cursor) {
        List<Room> rows = jdbc.sql("""
                        select * from room
                        where cast(:at as timestamptz) is null or (created_at, id) < (cast(:at as timestamptz), :id)
                        order by created_at desc, id desc limit :limit""")
                .param("at", Rows.timestamp(cursor.at())).param("id", cursor.id()).param("limit", limit + 1)
                .query(ROOM).list();
        return Page.of(rows, limit, room -> new Page.Cursor(room.createdAt(), room.id()));
    }

    public Optional<Room> findById(String id) {
        return jdbc.sql("select * from room where id = :id").param("id", id).query(ROOM).optional();
    }
}
