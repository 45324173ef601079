-- Issues (security vulnerabilities), their comments and their history: the source of webhook events.

create table issue (
    id              uuid primary key,
    organization_id uuid not null references organization (id),
    team_id         uuid references team (id),
    plugin_id       varchar(400) not null,
    status          varchar(20) not null,
    severity        varchar(20) not null,
    target_id       varchar(400),
    provider_id     varchar(400),
    weakness        varchar(2000),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    version         bigint not null
);
create index issue_by_organization on issue (organization_id, created_at, id);
create index issue_by_team on issue (team_id, created_at, id);

create table issue_comment (
    id         uuid primary key,
    issue_id   uuid not null references issue (id),
    body       text not null,
    author_id  varchar(100),
    created_at timestamp with time zone not null
);
create index issue_comment_by_issue on issue_comment (issue_id, created_at, id);

-- One row per committed event; ids come from a sequence so that they also give the order of entries.
create sequence issue_history_seq start with 1 increment by 50;
create table issue_history (
    id          bigint primary key,
    issue_id    uuid not null references issue (id),
    occurred_at timestamp with time zone not null,
    user_id     varchar(100),
    event       varchar(40) not null,
    changes     text not null
);
create index issue_history_by_issue on issue_history (issue_id, id);
