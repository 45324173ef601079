-- Which run of a server wrote an outbox row that the server delivers itself (DirectDelivery): null for a row any
-- relay may send (a relaying server's, or one written before this column). While the run that wrote a row lives,
-- the relays of the other servers on this database leave the row alone, which would otherwise deliver it a second
-- time beside the server delivering it; once that run has ended (a clean stop deletes its delivery_run row) or has
-- not been seen for the lease (DeliveryRuns.LEASE_SECONDS: a crash), any relay sends it.
alter table delivery_outbox add column run_id uuid;

-- The runs delivering first attempts themselves, each renewed every few seconds by its server (seen_at, the
-- database's clock, so that the servers' clocks need not agree). node is the server's transaction node id: a server
-- that starts forgets its own node's earlier runs at once, so it relays what a crash left without waiting for the lease.
create table delivery_run (
    run_id  uuid primary key,
    node    varchar(100) not null,
    seen_at timestamp with time zone not null
);
