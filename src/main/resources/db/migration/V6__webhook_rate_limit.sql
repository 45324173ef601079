-- A webhook's optional rate limit, in requests per second (null: none); see WebhookLanes.
alter table webhook add column rate_limit integer;
