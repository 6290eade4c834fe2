-- Why a run failed: 'permanent' (fails the same way every time: missing object, access denied, no audio stream,
-- corrupt media, a 4xx from the transcription service) is never retried by the recovery sweep; 'transient' keeps
-- its back-off. Null while the transcript has not failed; reset by every new run.
alter table transcript add column failure_kind text check (failure_kind in ('permanent', 'transient'));
