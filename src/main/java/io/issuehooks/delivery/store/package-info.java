/**
 * The store of deliveries: the event, delivery and attempt rows, written on the hot path in plain JDBC
 * ({@code DeliveryWriter}, with the operational events an outcome raises and their outbox; {@code DeliveryOutbox},
 * the deliveries' outbox) and read there
 * ({@code DeliveryReader}) and by the delivery log's API through JPA ({@code DeliveryLogReader}), and the retention
 * job that removes old ones. Knows nothing of JMS or HTTP.
 */
package io.issuehooks.delivery.store;
