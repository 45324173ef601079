-- The event feed (GET /api/v1/events): every committed event is now recorded, whether or not a webhook receives
-- it, with its issue's team (a team-scoped key reads its team's events only). Test events (POST .../test) are
-- recorded for their delivery's sake but are not in the feed. The feed reads an organisation's events in
-- creation order, the index's order.
alter table issue_event add column team_id uuid;
alter table issue_event add column test_event boolean default false not null;
update issue_event set test_event = true where payload like '%"eventData":{"test":true}%';
create index issue_event_feed on issue_event (organization_id, created_at, id);
