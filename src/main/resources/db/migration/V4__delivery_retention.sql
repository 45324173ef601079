-- What the retention job scans for: finished deliveries by age, and events no delivery refers to any more.
create index delivery_by_status_age on delivery (status, updated_at);
create index delivery_by_event on delivery (event_id);
create index issue_event_by_age on issue_event (created_at);
