-- A message delivered straight after its commit (DirectDelivery) deletes its outbox row when its outcome commits,
-- finding it by its event and its attempts: the index keeps that delete cheap while a backlog fills the outbox.
create index delivery_outbox_by_event on delivery_outbox (event_id);
