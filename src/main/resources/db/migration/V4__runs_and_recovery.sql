-- Every processing run of a transcript has a number; the pipeline carries it, and a run's results are written only
-- while it is still the transcript's current run, so a run that was given up for lost can never overwrite a newer one.
-- A run holds a lease that its instance renews while it lives: an expired lease means the run was lost.
alter table transcript add column run integer not null default 0;
alter table transcript add column lease_owner text;
alter table transcript add column lease_until timestamptz;
-- runs started by the recovery sweep since the last run started by an intake or by hand
alter table transcript add column recovery_attempts integer not null default 0;
create index transcript_recoverable on transcript (status, updated_at) where status in ('idle', 'processing', 'error');
