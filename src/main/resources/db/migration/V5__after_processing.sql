-- After processing (spec §9): consent cleanup and the room webhook, independent of each other and of the
-- transcript's status.

-- Consent cleanup looks for refusals: a meeting is refused as soon as one answer says no (spec §9.2).
create index meeting_consent_refused on meeting_consent (meeting_id) where not consent_given;
create index transcript_meeting on transcript (meeting_id);

-- The room webhook's transactional outbox (spec §9.4, §12 #31, #32): a delivery is written in the transaction
-- that ends its transcript, keeps its event id across every attempt and manual replay, and stays visible when
-- given up.
create table room_webhook_delivery (
    event_id        text primary key,                 -- 32 hex characters, sent as event_id on every attempt
    transcript_id   text not null references transcript (id) on delete cascade,
    run             integer not null,                 -- the transcript's run that ended; another run supersedes it
    room_id         text not null references room (id) on delete cascade,
    status          text not null default 'pending' check (status in ('pending', 'delivered', 'given_up')),
    given_up_reason text,                             -- why, while given up
    attempts        integer not null default 0,       -- recorded attempts; the next one is sent as X-Webhook-Retry
    next_attempt_at timestamptz not null default now(), -- also pushed past an attempt in flight (its lease)
    claim_token     text,                             -- the claim in flight: only its holder records the attempt
    retrying_since  timestamptz not null default now(), -- the completion, or the last manual replay
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
create index room_webhook_delivery_due on room_webhook_delivery (next_attempt_at) where status = 'pending';
create index room_webhook_delivery_room on room_webhook_delivery (room_id, created_at);
create index room_webhook_delivery_transcript on room_webhook_delivery (transcript_id);

create table room_webhook_attempt (
    event_id     text not null references room_webhook_delivery (event_id) on delete cascade,
    attempt      integer not null,                    -- 0 first; sent as X-Webhook-Retry
    attempted_at timestamptz not null,
    status_code  integer,                             -- null: no answer (timeout, connection error)
    error        text,                                -- null when delivered
    outcome      text not null check (outcome in ('delivered', 'retry', 'given_up')),
    primary key (event_id, attempt)
);
