-- What the retention job scans for: deliveries by age (of creation, which never changes, so the index costs
-- nothing when attempts update a delivery), and events no delivery refers to any more.
create index delivery_by_age on delivery (created_at);
create index delivery_by_event on delivery (event_id);
create index issue_event_by_age on issue_event (created_at);
