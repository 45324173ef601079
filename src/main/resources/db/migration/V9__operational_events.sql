-- Operational events (webhook.failing, webhook.disabled, delivery.exhausted) are recorded as events like the
-- issue events, but most are about no issue. They arise in a delivery outcome's local transaction, which cannot
-- queue messages; pending_fan_out is their outbox: a row written in that transaction, deleted by the JTA
-- transaction that fans the event out (its deliveries and their messages). A row left behind by a crash
-- between the two is fanned out by the sweeper (PendingFanOutSweeper). about_webhook_id: the webhook the event
-- is about, which never receives it.
alter table issue_event alter column issue_id drop not null;

create table pending_fan_out (
    event_id         uuid primary key,
    about_webhook_id uuid not null,
    created_at       timestamp with time zone not null
);
