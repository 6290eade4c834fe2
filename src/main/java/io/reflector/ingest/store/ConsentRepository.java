package io.reflector.ingest.store;

import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ConsentRepository {
    private static final RowMapper<Consent> CONSENT = (rs, i) -> new Consent(rs.getString("id"),
            rs.getString("meeting_id"), rs.getString("user_id"), rs.getBoolean("consent_given"),
            Rows.instant(rs, "consent_timestamp"));

    private final JdbcClient jdbc;

    ConsentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A known user has one answer per meeting, the latest; anonymous answers are each kept (spec §5.3), since a
     * single refusal from anybody wins.
     */
    public Consent record(String meetingId, String userId, boolean consentGiven) {
        if (userId != null) {
            var updated = jdbc.sql("""
                            update meeting_consent set consent_given = :given, consent_timestamp = now()
                            where meeting_id = :meetingId and user_id = :userId returning *""")
                    .param("given", consentGiven).param("meetingId", meetingId).param("userId", userId)
                    .query(CONSENT).optional();
            if (updated.isPresent()) {
                return updated.get();
            }
        }
        return jdbc.sql("""
                        insert into meeting_consent (id, meeting_id, user_id, consent_given)
                        values (:id, :meetingId, :userId, :given) returning *""")
                .param("id", UUID.randomUUID().toString())
                .param("meetingId", meetingId).param("userId", userId).param("given", consentGiven)
                .query(CONSENT).single();
    }
}
