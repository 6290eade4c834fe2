-- The queue of runs waiting for a worker, shared by every instance. A run is queued in the very transaction that
-- starts it (first claim, reprocess, recovery, hand-back), so no transcript is processing without its job queued
-- or a worker holding its lease. While queued, the transcript's lease_until is 'infinity' (leased to nobody, never
-- lost); a worker that takes the job leases the run to its instance for real. An instance takes only as many jobs as
-- it has free slots (FOR UPDATE SKIP LOCKED, so instances never take the same one), deleting each as it leases it.
create table run_job (
    transcript_id text primary key references transcript (id) on delete cascade,
    run           integer not null,
    queued_at     timestamptz not null default now()
);
create index run_job_queued_at on run_job (queued_at);
