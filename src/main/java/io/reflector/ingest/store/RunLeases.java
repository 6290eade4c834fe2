package io.reflector.ingest.store;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import io.reflector.ingest.config.ReflectorProperties;

/**
 * The leases that mark processing runs as alive. A run is leased to the instance whose worker took its job, and
 * that worker renews the lease only while it is working on the run, and releases it when it stops: a lease that
 * expires belongs to a worker that died, hung or dropped its run, so the run is lost and the recovery sweep may start
 * a new one, on any instance.
 */
@Repository
public class RunLeases {
    private final JdbcClient jdbc;
    private final String owner = UUID.randomUUID().toString();
    private final Duration lease;

    RunLeases(JdbcClient jdbc, ReflectorProperties properties) {
        this.jdbc = jdbc;
        this.lease = properties.recovery().lease();
    }

    /** This instance, as named on the leases it holds. */
    public String owner() {
        return owner;
    }

    public long leaseSeconds() {
        return lease.toSeconds();
    }

    /** A queued run this instance now holds. */
    public record Taken(String transcriptId, int run, String recordingId) {
    }

    /**
     * Takes up to {@code max} queued runs, oldest first, and leases them to this instance: their jobs leave the queue
     * in the same transaction. Jobs other instances are taking at this moment are skipped, not waited for; a job whose
     * run is no longer the transcript's current one (superseded, ended) is dropped.
     *
     * <p>At most {@code max}: the picked rows are a materialized CTE, selected once. As a subquery of the delete
     * ({@code where transcript_id in (select … limit :max for update skip locked)}) the planner may run the select
     * again for the delete's rows, and on a fresh machine it took two jobs when asked for one.
     */
    @Transactional
    public List<Taken> takeQueued(int max) {
        if (max <= 0) {
            return List.of();
        }
        return jdbc.sql("""
                        with picked as materialized (
                            select transcript_id from run_job order by queued_at limit :max for update skip locked),
                        job as (
                            delete from run_job r using picked where r.transcript_id = picked.transcript_id
                            returning r.transcript_id, r.run)
                        update transcript t set lease_owner = :owner, lease_until = now() + make_interval(secs => :lease)
                        from job where t.id = job.transcript_id and t.run = job.run and t.status = 'processing'
                        returning t.id, t.run, t.recording_id""")
                .param("max", max).param("owner", owner).param("lease", leaseSeconds())
                .query((rs, i) -> new Taken(rs.getString("id"), rs.getInt("run"), rs.getString("recording_id")))
                .list();
    }

    /** How many runs wait in the queue, for the metrics and the tests. */
    public int queued() {
        return jdbc.sql("select count(*) from run_job").query(Integer.class).single();
    }

    /** @return whether this instance still holds the run, whose lease is now extended */
    public boolean renew(String transcriptId, int run) {
        return jdbc.sql("""
                        update transcript set lease_until = now() + make_interval(secs => :lease)
                        where id = :id and run = :run and status = 'processing' and lease_owner = :owner""")
                .param("lease", leaseSeconds()).param("id", transcriptId).param("run", run).param("owner", owner)
                .update() == 1;
    }

    /**
     * The worker stopped working on a run that has not ended (it was dropped): the lease expires now, so the next
     * recovery sweep starts the run again.
     *
     * @return whether the run was still processing under this instance's lease
     */
    public boolean release(String transcriptId, int run) {
        return jdbc.sql("""
                        update transcript set lease_until = now()
                        where id = :id and run = :run and status = 'processing' and lease_owner = :owner""")
                .param("id", transcriptId).param("run", run).param("owner", owner).update() == 1;
    }
}
