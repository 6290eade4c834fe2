package io.reflector.ingest.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;


/**
 * Creates or reuses a recording and its one transcript. Safe under duplicates and races: the unique keys decide,
 * {@code insert ... on conflict do nothing} and a re-select return the row that won (spec §5.9). The one row it
 * changes is a placeholder of {@link RecordingAnnouncements}, which it fills in with the files.
 */
@Repository
public class RecordingRegistry {
    private final JdbcClient jdbc;
    private final MeetingRepository meetings;

    RecordingRegistry(JdbcClient jdbc, MeetingRepository meetings) {
        this.jdbc = jdbc;
        this.meetings = meetings;
    }

    /**
     * @param trackKeys null for a single-file recording; otherwise the microphone tracks, index = speaker
     * @param rawKeys   every object of the recording, for consent cleanup
     */
    @Transactional
    public RegisteredRecording register(String recordingId, Platform platform, String bucket, String objectKey,
                                        List<String> trackKeys, List<String> rawKeys, Instant recordedAt,
                                        String roomName) {
        Optional<String> meetingId = meetings.closestTo(roomName, recordedAt);
        jdbc.sql("""
                        insert into recording (id, platform, bucket_name, object_key, track_keys, raw_keys, recorded_at,
                                               room_name, meeting_id)
                        values (:id, :platform, :bucket, :key, cast(:tracks as jsonb), cast(:raw as jsonb), :recordedAt,
                                :roomName, :meetingId)
                        on conflict do nothing""")
                .param("id", recordingId).param("platform", platform.id()).param("bucket", bucket)
                .param("key", objectKey).param("tracks", Rows.toJson(trackKeys)).param("raw", Rows.toJson(rawKeys))
                .param("recordedAt", Rows.timestamp(recordedAt)).param("roomName", roomName)
                .param("meetingId", meetingId.orElse(null))
                .update();
        // after the insert, which waits for a concurrent recording.started to commit, so its placeholder is seen here;
        // a placeholder is the one kind of recording without a transcript
        jdbc.sql("""
                        update recording set object_key = :key, track_keys = cast(:tracks as jsonb),
                            raw_keys = cast(:raw as jsonb), recorded_at = :recordedAt, room_name = :roomName,
                            meeting_id = :meetingId, status = 'pending', error_msg = null, updated_at = now()
                        where id = :id and status in ('recording', 'error')
                          and not exists (select 1 from transcript t where t.recording_id = recording.id)""")
                .param("id", recordingId).param("key", objectKey).param("tracks", Rows.toJson(trackKeys))
                .param("raw", Rows.toJson(rawKeys)).param("recordedAt", Rows.timestamp(recordedAt))
                .param("roomName", roomName).param("meetingId", meetingId.orElse(null))
                .update();
        String storedId = jdbc.sql("select id from recording where id = :id or (bucket_name = :bucket and object_key = :key)")
                .param("id", recordingId).param("bucket", bucket).param("key", objectKey)
                .query(String.class).single();
        newTranscript(storedId);
        return jdbc.sql("""
                        select t.id as transcript_id, r.meeting_id from transcript t join recording r on r.id = t.recording_id
                        where r.id = :recordingId""")
                .param("recordingId", storedId)
                .query((rs, i) -> new RegisteredRecording(storedId, rs.getString("transcript_id"),
                        rs.getString("meeting_id"), rs.getString("meeting_id") != null))
                .single();
    }

    /** @return the id of the idle transcript created, empty when the recording already has one */
    public Optional<String> newTranscript(String recordingId) {
        return jdbc.sql("""
                        insert into transcript (id, recording_id, meeting_id, room_id)
                        select :id, r.id, r.meeting_id, m.room_id from recording r left join meeting m on m.id = r.meeting_id
                        where r.id = :recordingId
                        on conflict (recording_id) do nothing returning id""")
                .param("id", UUID.randomUUID().toString()).param("recordingId", recordingId)
                .query(String.class).optional();
    }

    /** Whether the transcript's speakers are named already. */
    public boolean hasParticipants(String transcriptId) {
        return jdbc.sql("select participants <> '[]'::jsonb from transcript where id = :id")
                .param("id", transcriptId).query(Boolean.class).optional().orElse(false);
    }

    public void participants(String transcriptId, List<Participant> participants) {
        jdbc.sql("update transcript set participants = cast(:participants as jsonb), updated_at = now() where id = :id")
                .param("participants", Rows.toJson(participants)).param("id", transcriptId).update();
    }
}
