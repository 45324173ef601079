-- Organisations, their teams and service accounts, and the webhooks they manage.
-- Text columns are twice the longest value the API accepts: the API counts characters (code points),
-- H2 counts UTF-16 units.
-- Portable SQL: runs on PostgreSQL and on H2 (MODE=PostgreSQL).

create table organization (
    id          uuid primary key,
    name        varchar(400) not null,
    created_at  timestamp with time zone not null
);

create table team (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    name            varchar(400) not null,
    created_at      timestamp with time zone not null
);
create index team_by_organization on team (organization_id, created_at, id);

-- API keys are stored only as SHA-256 hashes; key_prefix is the non-secret start shown in listings.
create table service_account (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    team_id         uuid references team (id),
    name            varchar(400) not null,
    role            varchar(16) not null,
    key_hash        varchar(64) not null,
    key_prefix      varchar(16) not null,
    created_at      timestamp with time zone not null,
    revoked_at      timestamp with time zone,
    constraint service_account_key_hash unique (key_hash)
);
create index service_account_by_organization on service_account (organization_id, created_at, id);

-- Secrets are AES-GCM ciphertexts under the server key. previous_secret keeps signing during the
-- rotation grace period; failing_since and disabled_reason drive automatic disabling.
create table webhook (
    id                         uuid primary key,
    organization_id            uuid not null references organization (id),
    team_id                    uuid references team (id),
    name                       varchar(400) not null,
    url                        varchar(4096) not null,
    events                     varchar(200) not null,
    enabled                    boolean not null,
    secret                     varchar(200) not null,
    previous_secret            varchar(200),
    previous_secret_expires_at timestamp with time zone,
    disabled_reason            varchar(500),
    failing_since              timestamp with time zone,
    created_at                 timestamp with time zone not null,
    updated_at                 timestamp with time zone not null,
    version                    bigint not null
);
create index webhook_by_organization on webhook (organization_id, created_at, id);
