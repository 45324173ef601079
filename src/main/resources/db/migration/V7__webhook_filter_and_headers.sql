-- A webhook's filter (conditions on the issue an event shows; see WebhookFilter), as canonical JSON; null: none.
alter table webhook add column event_filter varchar(8000);
-- Headers sent with every delivery (WebhookHeaders): their names in plain text (comma-separated, for the masked
-- view) and names with values as JSON encrypted under the server key like the secret; null: none.
alter table webhook add column header_names varchar(2200);
alter table webhook add column custom_headers varchar(40000);
-- What the destination expects (DestinationFormat: promptfoo, slack, splunk-hec, cloudevents); null: promptfoo.
alter table webhook add column destination_format varchar(20);
