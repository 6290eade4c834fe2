-- Inbox events are retried a bounded number of times; the replay sweep needs to know how often and when.
alter table inbox_event add column attempts integer not null default 0;
alter table inbox_event add column last_attempt_at timestamptz;
create index inbox_event_unprocessed on inbox_event (provider, received_at) where processed_at is null;

-- Camel's PostgresAggregationRepository: padded tracks waiting for the rest of their recording survive a restart.
create table track_aggregation (
    id       varchar(255) primary key,
    exchange bytea        not null,
    version  bigint       not null
);
create table track_aggregation_completed (
    id       varchar(255) primary key,
    exchange bytea        not null,
    version  bigint       not null
);
