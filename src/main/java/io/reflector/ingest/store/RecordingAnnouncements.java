package io.reflector.ingest.store;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Daily says about a recording before its files are ready ({@code recording.started}, {@code recording.error}).
 * Either leaves a placeholder row, without transcript and with the recording id as object key until the files are
 * known, which {@link RecordingRegistry#register} fills in when they are ready.
 */
@Repository
public class RecordingAnnouncements {
    private final JdbcClient jdbc;
    private final MeetingRepository meetings;

    RecordingAnnouncements(JdbcClient jdbc, MeetingRepository meetings) {
        this.jdbc = jdbc;
        this.meetings = meetings;
    }

    /** A recording Daily is making: status {@code recording}; nothing changes if we know it already. */
    public void started(String recordingId, String bucket, String roomName, Instant startedAt) {
        placeholder(recordingId, bucket, roomName, startedAt);
    }

    /**
     * Daily says the recording failed: status {@code error} with Daily's reason.
     *
     * @param at when the recording is unknown so far, its recorded_at
     * @return false when our pipeline has the recording (processing, completed): its state reflects the files we
     *         received, which Daily's report came too late to change
     */
    @Transactional
    public boolean failed(String recordingId, String bucket, String roomName, Instant at, String reason) {
        placeholder(recordingId, bucket, roomName, at);
        return jdbc.sql("""
                        update recording set status = 'error', error_msg = :reason, updated_at = now()
                        where id = :id and status not in ('processing', 'completed')""")
                .param("id", recordingId).param("reason", reason)
                .update() == 1;
    }

    private void placeholder(String recordingId, String bucket, String roomName, Instant recordedAt) {
        jdbc.sql("""
                        insert into recording (id, platform, bucket_name, object_key, recorded_at, room_name,
                                               meeting_id, status)
                        values (:id, :platform, :bucket, :id, :recordedAt, :roomName, :meetingId, 'recording')
                        on conflict do nothing""")
                .param("id", recordingId).param("platform", Platform.DAILY.id()).param("bucket", bucket)
                .param("recordedAt", Rows.timestamp(recordedAt)).param("roomName", roomName)
                .param("meetingId", meetings.closestTo(roomName, recordedAt).orElse(null))
                .update();
    }
}
