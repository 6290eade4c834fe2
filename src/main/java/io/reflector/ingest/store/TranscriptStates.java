package io.reflector.ingest.store;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;


/**
 * The one place that moves a transcript (and its recording) through {@code idle → processing → ended | error}.
 * Every change appends a STATUS event; a run starts by resetting everything a previous run derived, so the
 * STATUS event of the new run is never wiped (spec §12 #35).
 */
@Repository
public class TranscriptStates {
    private final JdbcClient jdbc;
    private final RoomWebhookOutbox roomWebhooks;

    TranscriptStates(JdbcClient jdbc, RoomWebhookOutbox roomWebhooks) {
        this.jdbc = jdbc;
        this.roomWebhooks = roomWebhooks;
    }

    /**
     * Takes the transcript for a processing run if nobody has: only from {@code idle}, so a duplicate delivery of
     * the same recording starts nothing.
     *
     * @return whether this caller may run the pipeline
     */
    @Transactional
    public boolean claim(String transcriptId) {
        int claimed = jdbc.sql("""
                        update transcript set status = 'processing', error_msg = null,
                            events = jsonb_build_array(jsonb_build_object('event', 'STATUS', 'data', jsonb_build_object('value', 'processing'))),
                            words = '[]', duration_ms = null, waveform = null, audio_key = null, waveform_key = null,
                            audio_location = null, updated_at = now()
                        where id = :id and status = 'idle'""")
                .param("id", transcriptId).update();
        if (claimed == 1) {
            recordingStatus(transcriptId, "processing", null);
        }
        return claimed == 1;
    }

    /** The audio outputs exist: duration from decoded samples, waveform, where they are; status ended. */
    @Transactional
    public void ended(String transcriptId, double durationMs, List<Double> waveform, String audioKey,
                      String waveformKey) {
        String waveformJson = Rows.toJson(waveform);
        jdbc.sql("""
                        update transcript set status = 'ended', duration_ms = :duration, waveform = cast(:waveform as jsonb),
                            audio_location = 'storage', audio_key = :audioKey, waveform_key = :waveformKey,
                            events = events || jsonb_build_array(
                                jsonb_build_object('event', 'DURATION', 'data', jsonb_build_object('duration', :duration)),
                                jsonb_build_object('event', 'WAVEFORM', 'data', jsonb_build_object('waveform', cast(:waveform as jsonb))),
                                jsonb_build_object('event', 'STATUS', 'data', jsonb_build_object('value', 'ended'))),
                            updated_at = now()
                        where id = :id""")
                .param("id", transcriptId).param("duration", durationMs).param("waveform", waveformJson)
                .param("audioKey", audioKey).param("waveformKey", waveformKey)
                .update();
        recordingStatus(transcriptId, "completed", null);
        // in this transaction: no completion is ever without its room webhook, nor a webhook without its completion
        roomWebhooks.completed(transcriptId);
    }

    /** The run failed: the reason is kept on the transcript and its recording, and the transcript stays retryable. */
    @Transactional
    public void failed(String transcriptId, String reason) {
        jdbc.sql("""
                        update transcript set status = 'error', error_msg = :reason,
                            events = events || jsonb_build_array(jsonb_build_object('event', 'STATUS',
                                'data', jsonb_build_object('value', 'error', 'reason', :reason))),
                            updated_at = now()
                        where id = :id""")
                .param("id", transcriptId).param("reason", reason).update();
        recordingStatus(transcriptId, "error", reason);
    }

    private void recordingStatus(String transcriptId, String status, String errorMsg) {
        jdbc.sql("""
                        update recording set status = :status, error_msg = :error, updated_at = now()
                        where id = (select recording_id from transcript where id = :id)""")
                .param("status", status).param("error", errorMsg).param("id", transcriptId).update();
    }

}
