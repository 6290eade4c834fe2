package io.reflector.ingest.store;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where each poller of a provider's list resumes, so a restart reads on from there instead of from the start. */
@Repository
public class PollCursors {
    private final JdbcClient jdbc;

    PollCursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> position(String poller) {
        return jdbc.sql("select position from poll_cursor where poller = :poller")
                .param("poller", poller).query(String.class).optional();
    }

    public void move(String poller, String position) {
        jdbc.sql("""
                        insert into poll_cursor (poller, position) values (:poller, :position)
                        on conflict (poller) do update set position = excluded.position, updated_at = now()""")
                .param("poller", poller).param("position", position).update();
    }
}
