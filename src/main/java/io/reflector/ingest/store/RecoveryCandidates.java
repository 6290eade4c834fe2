package io.reflector.ingest.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the recovery sweep finds in the database (never by listing buckets, spec §12 #28): runs whose lease expired,
 * failed runs whose back-off is over, and recordings whose first run never started.
 */
@Repository
public class RecoveryCandidates {
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final RecordingRegistry registry;

    /** A transcript to run again, as it is now. */
    public record Candidate(String transcriptId, String status, int recoveryAttempts) {
    }

    RecoveryCandidates(JdbcClient jdbc, RecordingRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /**
     * Transcripts to run again, oldest first: lost runs (processing, lease expired or released; a queued run's never expires) and never-started ones
     * with attempts left, and failed ones
     * whose back-off ({@code backoff} doubled per attempt already made) is over.
     */
    public List<Candidate> due(Duration backoff, int maxAttempts, Duration idleGrace) {
        return jdbc.sql("""
                        select id, status, recovery_attempts from transcript
                        where recovery_attempts < :max and not audio_deleted and (
                            (status = 'processing' and (lease_until is null or lease_until < now()))
                            or (status = 'idle' and created_at < now() - make_interval(secs => :idleGrace))
                            or (status = 'error' and failure_kind is distinct from 'permanent'
                                and updated_at < now() - make_interval(secs => :backoff * power(2, recovery_attempts))))
                          -- a recording without a microphone track fails the same way every time
                          and not exists (select 1 from recording r
                                          where r.id = transcript.recording_id and r.track_keys = '[]'::jsonb)
                        order by updated_at limit :batch""")
                .param("max", maxAttempts).param("idleGrace", idleGrace.toSeconds())
                .param("backoff", backoff.toSeconds()).param("batch", BATCH)
                .query((rs, i) -> new Candidate(rs.getString("id"), rs.getString("status"),
                        rs.getInt("recovery_attempts")))
                .list();
    }

    /** Runs lost again after their last recovery attempt: they are to end in error. */
    public List<String> lostForGood(int maxAttempts) {
        return jdbc.sql("""
                        select id from transcript
                        where status = 'processing' and lease_until < now() and recovery_attempts >= :max
                        order by updated_at limit :batch""")
                .param("max", maxAttempts).param("batch", BATCH)
                .query(String.class).list();
    }

    /**
     * Gives every recording that has its files but no transcript (one was deleted by hand, say) a new idle one, for
     * the sweep to start right away. Placeholders of recordings still being recorded have no
     * files yet and are left alone.
     *
     * @return the new transcripts
     */
    @Transactional
    public List<String> transcriptsForOrphans() {
        List<String> orphans = jdbc.sql("""
                        select r.id from recording r
                        where not exists (select 1 from transcript t where t.recording_id = r.id)
                          and (r.platform = 'whereby' or jsonb_array_length(coalesce(r.track_keys, '[]')) > 0)
                        order by r.created_at limit :batch""")
                .param("batch", BATCH).query(String.class).list();
        return orphans.stream().map(registry::newTranscript).flatMap(Optional::stream).toList();
    }
}
