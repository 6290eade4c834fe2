-- Where a transcript's transcription stands, apart from its status: a recording ends (status 'ended') with its
-- audio outputs also when no transcription service is configured, and says so instead of showing no words.
--   pending         not run (yet): the run is in progress, or failed before transcription
--   completed       every track transcribed, the merged words are in transcript.words
--   not_configured  no transcription service is configured (TRANSCRIPT_URL unset)
--   error           a track could not be transcribed; transcript.error_msg names it
alter table transcript add column transcription text not null default 'pending'
    check (transcription in ('pending', 'completed', 'not_configured', 'error'));
-- transcripts that ended before this stage existed were never transcribed
update transcript set transcription = 'not_configured' where status = 'ended';
