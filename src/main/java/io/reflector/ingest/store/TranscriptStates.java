package io.reflector.ingest.store;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;


/**
 * The one place that moves a transcript (and its recording) through {@code idle → processing → ended | error}.
 * Every change appends a STATUS event; a run starts by resetting everything a previous run derived, so the
 * STATUS event of the new run is never wiped (spec §12 #35).
 * <p>
 * Each run gets the next run number and is queued for a worker in the same transaction ({@code run_job}), so no
 * transcript is processing without its job queued or a worker holding its lease (see {@link RunLeases}). A run's
 * outcome is written only while it is the transcript's current run, so a run given up for lost can never overwrite
 * the run that replaced it.
 * <p>
 * A run ends after transcription, or right after its audio outputs when no transcription service is configured;
 * the {@code transcription} column tells which.
 */
@Repository
public class TranscriptStates {
    private static final Logger log = LoggerFactory.getLogger(TranscriptStates.class);
    /**
     * A new run: the next number, everything derived by an earlier run reset, and queued: leased to nobody, with a
     * lease that never expires until a worker takes its job (so neither the sweep nor a second start can take it).
     */
    private static final String NEW_RUN = """
            update transcript set status = 'processing', run = run + 1, error_msg = null, failure_kind = null,
                lease_owner = null, lease_until = 'infinity',
                events = jsonb_build_array(jsonb_build_object('event', 'STATUS', 'data', jsonb_build_object('value', 'processing'))),
                words = '[]', duration_ms = null, waveform = null, audio_key = null, waveform_key = null,
                audio_location = null, transcription = 'pending', updated_at = now(),
            """;
    /**
     * Nobody is running it (not processing, or its run's lease has expired; a queued run's never does), and its files
     * are still there: checked in the update itself, on the row's latest version, so two starts at once start one run
     * and a run cannot start on the files of a consent cleanup that committed meanwhile.
     */
    private static final String RUNNABLE = "(status <> 'processing' or lease_until is null or lease_until < now()) "
            + "and not audio_deleted";

    private final JdbcClient jdbc;
    private final RunLeases leases;
    private final RoomWebhookOutbox roomWebhooks;

    TranscriptStates(JdbcClient jdbc, RunLeases leases, RoomWebhookOutbox roomWebhooks) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.roomWebhooks = roomWebhooks;
    }

    /**
     * Takes the transcript for its first run if nobody has: only from {@code idle}, so a duplicate delivery of the
     * same recording starts nothing.
     *
     * @return the run number, empty when this caller may not run the pipeline
     */
    @Transactional
    public OptionalInt claim(String transcriptId) {
        return startRun(transcriptId, "recovery_attempts = 0 where id = :id and status = 'idle'", 0);
    }

    /**
     * A run asked for by hand: from any state except a run in progress. The recovery attempts start again.
     *
     * @return the run number, empty while another run holds the transcript or its files are deleted
     */
    @Transactional
    public OptionalInt reprocess(String transcriptId) {
        return startRun(transcriptId, "recovery_attempts = 0 where id = :id and " + RUNNABLE, 0);
    }

    /**
     * A run started by the recovery sweep, for a transcript that is not ended and not running, while it has
     * recovery attempts left.
     *
     * @return the run number, empty when the transcript no longer needs it or has no attempts left
     */
    @Transactional
    public OptionalInt recover(String transcriptId, int maxAttempts) {
        return startRun(transcriptId, """
                recovery_attempts = recovery_attempts + 1
                where id = :id and status <> 'ended' and recovery_attempts < :max and""" + " " + RUNNABLE,
                maxAttempts);
    }

    /**
     * Gives a run this instance holds back to the queue, as a new run that any instance may take, without counting a
     * recovery attempt: this instance is stopping. What the old run still does here is discarded as superseded.
     *
     * @return the new run number, empty when the run is no longer this instance's
     */
    @Transactional
    public OptionalInt handBack(String transcriptId, int run) {
        return startRun(transcriptId, """
                recovery_attempts = recovery_attempts
                where id = :id and run = :heldRun and status = 'processing' and lease_owner = :owner""",
                Map.of("heldRun", run, "owner", leases.owner()));
    }

    private OptionalInt startRun(String transcriptId, String attemptsAndCondition, int maxAttempts) {
        return startRun(transcriptId, attemptsAndCondition, Map.of("max", maxAttempts));
    }

    /** The run and its job, in the caller's transaction. */
    private OptionalInt startRun(String transcriptId, String attemptsAndCondition, Map<String, Object> params) {
        List<Integer> run = jdbc.sql(NEW_RUN + attemptsAndCondition + " returning run")
                .param("id", transcriptId).params(params)
                .query(Integer.class).list();
        if (run.isEmpty()) {
            return OptionalInt.empty();
        }
        jdbc.sql("""
                        insert into run_job (transcript_id, run) values (:id, :run)
                        on conflict (transcript_id) do update set run = excluded.run, queued_at = now()""")
                .param("id", transcriptId).param("run", run.get(0)).update();
        recordingStatus(transcriptId, "processing", null);
        return OptionalInt.of(run.get(0));
    }

    /** Whether the run is still the transcript's current one, which nothing has ended yet. */
    public boolean isCurrentRun(String transcriptId, int run) {
        return jdbc.sql("select count(*) from transcript where id = :id and run = :run and status = 'processing'")
                .param("id", transcriptId).param("run", run).query(Integer.class).single() == 1;
    }

    /** Whether a newer run of the transcript was started: what the keys of this run name now is that run's. */
    public boolean hasNewerRun(String transcriptId, int run) {
        return jdbc.sql("select count(*) from transcript where id = :id and run > :run")
                .param("id", transcriptId).param("run", run).query(Integer.class).single() == 1;
    }

    /**
     * The audio outputs exist: duration from decoded samples, waveform, where they are. The run goes on with
     * transcription; the status stays {@code processing}.
     */
    @Transactional
    public boolean audioStored(String transcriptId, int run, double durationMs, List<Double> waveform, String audioKey,
                               String waveformKey) {
        String waveformJson = Rows.toJson(waveform);
        return jdbc.sql("""
                        update transcript set duration_ms = :duration, waveform = cast(:waveform as jsonb),
                            audio_location = 'storage', audio_key = :audioKey, waveform_key = :waveformKey,
                            events = events || jsonb_build_array(
                                jsonb_build_object('event', 'DURATION', 'data', jsonb_build_object('duration', :duration)),
                                jsonb_build_object('event', 'WAVEFORM', 'data', jsonb_build_object('waveform', cast(:waveform as jsonb)))),
                            updated_at = now()
                        where id = :id and run = :run and status = 'processing'""")
                .param("id", transcriptId).param("run", run).param("duration", durationMs)
                .param("waveform", waveformJson).param("audioKey", audioKey).param("waveformKey", waveformKey)
                .update() == 1;
    }

    /** Every track is transcribed: the merged words, a TRANSCRIPT event with their text, and the run ends. */
    @Transactional
    public boolean transcribed(String transcriptId, int run, List<TranscriptWord> words, String text) {
        int updated = jdbc.sql("""
                        update transcript set words = cast(:words as jsonb), transcription = 'completed',
                            events = events || jsonb_build_array(jsonb_build_object('event', 'TRANSCRIPT',
                                'data', jsonb_build_object('text', cast(:text as text), 'translation', null))),
                            updated_at = now()
                        where id = :id and run = :run and status = 'processing'""")
                .param("id", transcriptId).param("run", run).param("words", Rows.toJson(words)).param("text", text)
                .update();
        return updated == 1 ? ended(transcriptId, run) : outcome(transcriptId, run, 0, "completed", null);
    }

    /** No transcription service is configured: the run ends with its audio outputs and says so. */
    @Transactional
    public boolean transcriptionNotConfigured(String transcriptId, int run) {
        int updated = jdbc.sql("""
                        update transcript set transcription = 'not_configured', updated_at = now()
                        where id = :id and run = :run and status = 'processing'""")
                .param("id", transcriptId).param("run", run).update();
        return updated == 1 ? ended(transcriptId, run) : outcome(transcriptId, run, 0, "completed", null);
    }

    /** A track could not be transcribed: the run fails with the reason, the audio outputs stay. */
    @Transactional
    public boolean transcriptionFailed(String transcriptId, int run, String reason, boolean permanent) {
        jdbc.sql("""
                        update transcript set transcription = 'error', updated_at = now()
                        where id = :id and run = :run and status = 'processing'""")
                .param("id", transcriptId).param("run", run).update();
        return failed(transcriptId, run, reason, permanent);
    }

    /**
     * The run failed: the reason, saying which kind of failure it was, is kept on the transcript and its recording;
     * the recovery sweep retries a transient failure, never a permanent one.
     */
    @Transactional
    public boolean failed(String transcriptId, int run, String failure, boolean permanent) {
        String reason = (permanent ? "permanent failure, not retried: " : "transient failure, retried after a back-off: ")
                + failure;
        int updated = jdbc.sql("""
                        update transcript set status = 'error', error_msg = :reason, failure_kind = :kind,
                            events = events || jsonb_build_array(jsonb_build_object('event', 'STATUS',
                                'data', jsonb_build_object('value', 'error', 'reason', :reason))),
                            lease_owner = null, lease_until = null, updated_at = now()
                        where id = :id and run = :run and status = 'processing'""")
                .param("id", transcriptId).param("run", run).param("reason", reason).param("kind", permanent ? "permanent" : "transient")
                .update();
        return outcome(transcriptId, run, updated, "error", reason);
    }

    /**
     * A run whose lease expired when the recovery attempts are spent: it ends in {@code error}, visible, and is run
     * again only by hand.
     */
    @Transactional
    public boolean abandon(String transcriptId, int maxAttempts) {
        String reason = "the run was lost (its instance stopped renewing the lease) and " + maxAttempts
                + " recovery attempt(s) are spent; reprocess it by hand";
        int updated = jdbc.sql("""
                        update transcript set status = 'error', error_msg = :reason,
                            events = events || jsonb_build_array(jsonb_build_object('event', 'STATUS',
                                'data', jsonb_build_object('value', 'error', 'reason', :reason))),
                            lease_owner = null, lease_until = null, updated_at = now()
                        where id = :id and status = 'processing' and lease_until < now() and recovery_attempts >= :max""")
                .param("id", transcriptId).param("reason", reason).param("max", maxAttempts).update();
        if (updated == 1) {
            recordingStatus(transcriptId, "error", reason);
        }
        return updated == 1;
    }

    private boolean outcome(String transcriptId, int run, int updated, String recordingStatus, String reason) {
        if (updated == 0) {
            log.warn("Transcript {}: run {} is no longer the current run; its outcome ({}) is discarded", transcriptId,
                    run, recordingStatus);
            return false;
        }
        recordingStatus(transcriptId, recordingStatus, reason);
        return true;
    }

    /** The run is done: status ended. */
    private boolean ended(String transcriptId, int run) {
        int updated = jdbc.sql("""
                        update transcript set status = 'ended',
                            events = events || jsonb_build_array(jsonb_build_object('event', 'STATUS',
                                'data', jsonb_build_object('value', 'ended'))),
                            lease_owner = null, lease_until = null, updated_at = now()
                        where id = :id and run = :run and status = 'processing'""")
                .param("id", transcriptId).param("run", run).update();
        if (updated == 1) {
            // in this transaction: no completion is ever without its room webhook, nor a webhook without its completion
            roomWebhooks.completed(transcriptId);
        }
        return outcome(transcriptId, run, updated, "completed", null);
    }

    private void recordingStatus(String transcriptId, String status, String errorMsg) {
        jdbc.sql("""
                        update recording set status = :status, error_msg = :error, updated_at = now()
                        where id = (select recording_id from transcript where id = :id)""")
                .param("status", status).param("error", errorMsg).param("id", transcriptId).update();
    }

}
