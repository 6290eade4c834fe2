-- Data model of spec §5 with the recommended fixes: real unique keys, a maintained recording status,
-- nullable participant names, an inbox for inbound events keyed by the provider's event id.

create table room (
    id             text primary key,
    name           text not null unique,
    platform       text not null default 'daily' check (platform in ('daily', 'whereby')),
    user_id        text,
    webhook_url    text,
    webhook_secret text,
    created_at     timestamptz not null default now()
);

create table meeting (
    id          text primary key,                -- the platform's id (Whereby meetingId, Daily room id)
    room_id     text references room (id) on delete cascade,
    room_name   text not null,                   -- Whereby "/<room>-<uuid>", Daily "<room>-<YYYYMMDDHHMMSS>"
    platform    text not null default 'daily' check (platform in ('daily', 'whereby')),
    start_date  timestamptz not null,
    end_date    timestamptz,
    num_clients integer not null default 0 check (num_clients >= 0),
    is_active   boolean not null default true,
    created_at  timestamptz not null default now()
);
create index meeting_room_name_start on meeting (room_name, start_date);

create table meeting_consent (
    id                text primary key,
    meeting_id        text not null references meeting (id) on delete cascade,
    user_id           text,
    consent_given     boolean not null,
    consent_timestamp timestamptz not null default now()
);
create index meeting_consent_meeting on meeting_consent (meeting_id);

create table participant_session (
    meeting_id text not null references meeting (id) on delete cascade,
    session_id text not null,
    user_id    text,
    user_name  text,
    joined_at  timestamptz,
    left_at    timestamptz,
    updated_at timestamptz not null default now(),
    primary key (meeting_id, session_id)
);

create table recording (
    id          text primary key,                -- Daily recording_id; name-based UUID of bucket/key for Whereby
    platform    text not null check (platform in ('daily', 'whereby')),
    bucket_name text not null,
    object_key  text not null,
    track_keys  jsonb,                           -- null = single file; microphone tracks in speaker order
    raw_keys    jsonb,                           -- every object of the recording, deleted on consent refusal
    recorded_at timestamptz not null,
    room_name   text,                            -- platform room name, kept to match a meeting created later
    meeting_id  text references meeting (id) on delete set null,
    status      text not null default 'pending'
                check (status in ('recording', 'pending', 'processing', 'completed', 'error')),
    error_msg   text,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (bucket_name, object_key)
);
create index recording_meeting on recording (meeting_id);
create index recording_unmatched on recording (room_name) where meeting_id is null;

create table transcript (
    id             text primary key,
    recording_id   text not null unique references recording (id) on delete cascade,
    meeting_id     text references meeting (id) on delete set null,
    room_id        text references room (id) on delete set null,
    status         text not null default 'idle'
                   check (status in ('idle', 'uploaded', 'processing', 'ended', 'error')),
    error_msg      text,
    participants   jsonb not null default '[]',
    events         jsonb not null default '[]',
    words          jsonb not null default '[]',
    duration_ms    double precision,
    waveform       jsonb,
    audio_location text,                         -- 'storage': the outputs are in the transcript bucket
    audio_key      text,
    waveform_key   text,
    audio_deleted  boolean not null default false,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index transcript_status on transcript (status);

create table inbox_event (
    id          bigserial primary key,
    provider    text not null,
    event_id    text not null,
    event_type  text,
    payload     text not null,
    received_at timestamptz not null default now(),
    processed_at timestamptz,
    error_msg   text,
    unique (provider, event_id)
);
