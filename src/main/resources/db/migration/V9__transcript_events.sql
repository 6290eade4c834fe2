-- The live event stream (GET /v1/events, /v1/transcripts/{id}/events): every event of a transcript as one row,
-- numbered in commit order, announced with NOTIFY transcript_event so every instance's one LISTEN connection wakes
-- up and reads what is new. Two kinds of rows:
--   * each element appended to transcript.events (STATUS, DURATION, WAVEFORM, TRANSCRIPT, AUDIO_DELETED), copied by
--     the trigger below in the transaction that appends it, so no writer of transcript.events has to know about it;
--   * per-track and mix progress (events/RunProgress), written on their own.
-- Rows older than reflector.events.retention are pruned (route events-prune); transcript.events stays the record.
create table transcript_event (
    id            bigint primary key,
    transcript_id text not null references transcript (id) on delete cascade,
    run           integer not null,
    event         text not null,
    data          jsonb not null,
    created_at    timestamptz not null default now()
);
create sequence transcript_event_id owned by transcript_event.id;
create index transcript_event_of_transcript on transcript_event (transcript_id, id);
create index transcript_event_created on transcript_event (created_at);

-- One writer at a time, until its transaction commits: the ids then become visible in increasing order, so a
-- reader that has seen id n has seen every id below n (a plain sequence would let a later-committing transaction
-- publish a smaller id after a reader has moved past it). Held by short transactions only.
create function publish_transcript_event(p_transcript_id text, p_run integer, p_event text, p_data jsonb)
    returns bigint language plpgsql as $$
declare
    new_id bigint;
begin
    perform pg_advisory_xact_lock(hashtext('transcript_event'));
    insert into transcript_event (id, transcript_id, run, event, data)
    values (nextval('transcript_event_id'), p_transcript_id, p_run, p_event, p_data)
    returning id into new_id;
    perform pg_notify('transcript_event', '');
    return new_id;
end $$;

-- The elements a statement appended to transcript.events; all of them when a new run replaced the list.
create function transcript_events_published() returns trigger language plpgsql as $$
declare
    previous jsonb := case when tg_op = 'UPDATE' and new.run = old.run then old.events else '[]'::jsonb end;
    kept     integer := 0;
    element  jsonb;
begin
    if new.events = previous then
        return null;
    end if;
    if jsonb_array_length(new.events) >= jsonb_array_length(previous)
            and (select coalesce(jsonb_agg(e order by i), '[]'::jsonb)
                 from jsonb_array_elements(new.events) with ordinality as t(e, i)
                 where i <= jsonb_array_length(previous)) = previous then
        kept := jsonb_array_length(previous);
    end if;
    for element in select e from jsonb_array_elements(new.events) with ordinality as t(e, i) where i > kept order by i
    loop
        perform publish_transcript_event(new.id, new.run, element ->> 'event', coalesce(element -> 'data', '{}'::jsonb));
    end loop;
    return null;
end $$;

create trigger transcript_events_published after insert or update of events on transcript
    for each row execute function transcript_events_published();
