-- Delivery: each committed issue event (its exact payload), one delivery per subscribed webhook, and every
-- attempt to send it.

create table issue_event (
    id              uuid primary key,
    organization_id uuid not null,
    issue_id        varchar(100) not null,
    event_type      varchar(40) not null,
    payload         text not null,
    created_at      timestamp with time zone not null
);

create table delivery (
    id              uuid primary key,
    webhook_id      uuid not null references webhook (id) on delete cascade,
    event_id        uuid not null references issue_event (id),
    event_type      varchar(40) not null,
    status          varchar(16) not null,
    attempts        integer not null,
    next_attempt_at timestamp with time zone,
    last_status     integer,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
-- No index holds a column an attempt changes (status, attempts, updated_at, ...): PostgreSQL can then update
-- a delivery in place (a HOT update) without touching any index, which is most of the cost of an attempt.
create index delivery_by_webhook on delivery (webhook_id, created_at, id);

create table delivery_attempt (
    id               uuid primary key,
    delivery_id      uuid not null references delivery (id) on delete cascade,
    number           integer not null,
    started_at       timestamp with time zone not null,
    duration_ms      integer not null,
    status_code      integer,
    error            varchar(1000),
    response_excerpt text,
    request_headers  text not null,
    constraint delivery_attempt_number unique (delivery_id, number)
);
