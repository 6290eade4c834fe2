package io.reflector.ingest.store;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Transcripts whose audio must go (spec §9.2): {@code ended}, audio not yet deleted, and a meeting where anybody
 * refused consent, found through the recording or the transcript itself.
 */
@Repository
public class ConsentCleanups {
    private static final String PENDING = """
            t.status = 'ended' and not t.audio_deleted
            and exists (select 1 from meeting_consent c
                        where not c.consent_given and c.meeting_id in (r.meeting_id, t.meeting_id))""";

    private final JdbcClient jdbc;

    ConsentCleanups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param rawKeys every object the platform wrote for the recording: {@code raw_keys} (Daily: all tracks, video
     *                and screen share included), else {@code track_keys}, else the one file {@code object_key}
     *                (Whereby's MP4)
     */
    public record Pending(String transcriptId, String recordingId, String bucket, List<String> rawKeys) {
    }

    /** Starts from the refusals, which are few, rather than from every ended transcript. */
    public List<String> pending() {
        return jdbc.sql("""
                        select t.id from transcript t
                        where t.status = 'ended' and not t.audio_deleted and t.id in (
                            select tr.id from meeting_consent c
                                join recording r on r.meeting_id = c.meeting_id
                                join transcript tr on tr.recording_id = r.id
                            where not c.consent_given
                            union
                            select tr.id from meeting_consent c join transcript tr on tr.meeting_id = c.meeting_id
                            where not c.consent_given)
                        order by t.updated_at""")
                .query(String.class).list();
    }

    /**
     * Locks a pending cleanup for the caller's transaction, so a concurrent run or status change waits for it.
     *
     * @return empty when it is no longer pending or another instance holds it
     */
    public Optional<Pending> lock(String transcriptId) {
        return jdbc.sql("""
                        select t.id, r.id as recording_id, r.bucket_name,
                            coalesce(r.raw_keys, r.track_keys, jsonb_build_array(r.object_key)) as raw_keys
                        from transcript t join recording r on r.id = t.recording_id
                        where t.id = :id and %s
                        for update of t skip locked""".formatted(PENDING))
                .param("id", transcriptId)
                .query((rs, i) -> new Pending(rs.getString("id"), rs.getString("recording_id"),
                        rs.getString("bucket_name"), Rows.stringList(rs, "raw_keys")))
                .optional();
    }

    /**
     * The objects are gone: the flag, no more keys pointing at them, and an AUDIO_DELETED event. The status stays.
     */
    public void audioDeleted(String transcriptId, int rawObjects, int outputs) {
        jdbc.sql("""
                        update transcript set audio_deleted = true, audio_location = null, audio_key = null,
                            waveform_key = null,
                            events = events || jsonb_build_array(jsonb_build_object('event', 'AUDIO_DELETED',
                                'data', jsonb_build_object('reason', 'consent refused',
                                    'raw_objects', :rawObjects, 'outputs', :outputs))),
                            updated_at = now()
                        where id = :id""")
                .param("id", transcriptId).param("rawObjects", rawObjects).param("outputs", outputs)
                .update();
    }
}
