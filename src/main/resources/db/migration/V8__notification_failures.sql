-- A record of an S3 notification that cannot be read (no key, no bucket, a bad field): its message is still
-- deleted, since retrying cannot help, but the record is kept here, so the recording it announced is not lost
-- without a trace (the Whereby bucket listing finds the object itself). Shown by a gauge and a health detail.
create table notification_failure (
    queue        text        not null,
    message_id   text        not null,
    record_index int         not null,
    reason       text        not null,
    record       text        not null,  -- the record as JSON, non-ASCII escaped, so any record can be stored
    received_at  timestamptz not null default now(),
    primary key (queue, message_id, record_index)
);
create index notification_failure_received on notification_failure (received_at);
