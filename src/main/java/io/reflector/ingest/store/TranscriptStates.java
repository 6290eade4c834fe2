package io.reflector.ingest.store;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;


/**
 * The one place that moves a transcript (and its recording) through {@code idle → processing → ended | error}.
 * Every change appends a STATUS event; a run starts by resetting everything a previous run derived, so the
 * STATUS event of the new run is never wiped (spec §12 #35). A run ends after transcription, or right after its
 * audio outputs when no transcription service is configured; the {@code transcription} column tells which.
 */
@Repository
public class TranscriptStates {
    private final JdbcClient jdbc;

    TranscriptStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                            audio_location = null, transcription = 'pending', updated_at = now()
                        where id = :id and status = 'idle'""")
                .param("id", transcriptId).update();
        if (claimed == 1) {
            recordingStatus(transcriptId, "processing", null);
        }
        return claimed == 1;
    }

    /**
     * The audio outputs exist: duration from decoded samples, waveform, where they are. The run goes on with
     * transcription; the status stays {@code processing}.
     */
    @Transactional
    public void audioStored(String transcriptId, double durationMs, List<Double> waveform, String audioKey,
                            String waveformKey) {
        String waveformJson = Rows.toJson(waveform);
        jdbc.sql("""
                        update transcript set duration_ms = :duration, waveform = cast(:waveform as jsonb),
                            audio_location = 'storage', audio_key = :audioKey, waveform_key = :waveformKey,
                            events = events || jsonb_build_array(
                                jsonb_build_object('event', 'DURATION', 'data', jsonb_build_object('duration', :duration)),
                                jsonb_build_object('event', 'WAVEFORM', 'data', jsonb_build_object('waveform', cast(:waveform as jsonb)))),
                            updated_at = now()
                        where id = :id""")
                .param("id", transcriptId).param("duration", durationMs).param("waveform", waveformJson)
                .param("audioKey", audioKey).param("waveformKey", waveformKey)
                .update();
    }

    /** Every track is transcribed: the merged words, a TRANSCRIPT event with their text, and the run ends. */
    @Transactional
    public void transcribed(String transcriptId, List<TranscriptWord> words, String text) {
        jdbc.sql("""
                        update transcript set words = cast(:words as jsonb), transcription = 'completed',
                            events = events || jsonb_build_array(jsonb_build_object('event', 'TRANSCRIPT',
                                'data', jsonb_build_object('text', cast(:text as text), 'translation', null))),
                            updated_at = now()
                        where id = :id""")
                .param("id", transcriptId).param("words", Rows.toJson(words)).param("text", text).update();
        ended(transcriptId);
    }

    /** No transcription service is configured: the run ends with its audio outputs and says so. */
    @Transactional
    public void transcriptionNotConfigured(String transcriptId) {
        jdbc.sql("update transcript set transcription = 'not_configured', updated_at = now() where id = :id")
                .param("id", transcriptId).update();
        ended(transcriptId);
    }

    /** A track could not be transcribed: the run fails with the reason, the audio outputs stay. */
    @Transactional
    public void transcriptionFailed(String transcriptId, String reason) {
        jdbc.sql("update transcript set transcription = 'error', updated_at = now() where id = :id")
                .param("id", transcriptId).update();
        failed(transcriptId, reason);
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

    /** The run is done: status ended. */
    private void ended(String transcriptId) {
        jdbc.sql("""
                        update transcript set status = 'ended',
                            events = events || jsonb_build_array(jsonb_build_object('event', 'STATUS',
                                'data', jsonb_build_object('value', 'ended'))),
                            updated_at = now()
                        where id = :id""")
                .param("id", transcriptId).update();
        recordingStatus(transcriptId, "completed", null);
    }

    private void recordingStatus(String transcriptId, String status, String errorMsg) {
        jdbc.sql("""
                        update recording set status = :status, error_msg = :error, updated_at = now()
                        where id = (select recording_id from transcript where id = :id)""")
                .param("status", status).param("error", errorMsg).param("id", transcriptId).update();
    }

}
