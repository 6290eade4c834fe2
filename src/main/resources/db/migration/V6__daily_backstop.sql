-- Where a poller of a provider's list resumes after a restart. The Daily recordings poller keeps the id of the
-- newest recording up to which every listed recording is settled (spec §12 #42: read only what is new, past the
-- newest 100).
create table poll_cursor (
    poller     text primary key,
    position   text not null,
    updated_at timestamptz not null default now()
);
