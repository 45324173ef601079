-- The commit markers of the transaction manager (WildFly's commit-markable resource, see configure.cli): a
-- transaction that commits the database together with JMS messages inserts its id here in the same local
-- commit, so that after a crash recovery knows the database committed and commits the broker's branch too.
-- Columns and names are the ones Narayana's statements use.
create table xids (
    xid                  bytea not null,
    transactionManagerID varchar(64) not null,
    actionuid            bytea not null
);
create unique index xids_by_xid on xids (xid);
create index xids_by_node on xids (transactionManagerID);
