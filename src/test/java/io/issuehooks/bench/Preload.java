package io.issuehooks.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Fills the benchmark database with the work a server that has been running for a while has stored: 2,000
 * enabled webhooks of 200 other organisations, 100,000 of their events, 1,000,000 finished deliveries and an
 * attempt for each, spread over the last 23 days (inside the default retention). The figures measured
 * afterwards show whether the cost of an event grows with what is stored.
 */
final class Preload {

    private Preload() {
    }

    static void run(String url, String user, String password) throws Exception {
        String payload = RawLimit.samplePayload().replace("'", "''");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            s.execute("insert into organization (id, name, created_at) select gen_random_uuid(), 'preload-' || g, "
                    + "now() - interval '30 days' from generate_series(1, 200) g");
            s.execute("create temporary table preload_org as select id, row_number() over (order by id) - 1 as n "
                    + "from organization where name like 'preload-%'");
            s.execute("insert into webhook (id, organization_id, team_id, name, url, events, enabled, secret, created_at, "
                    + "updated_at, version) select gen_random_uuid(), o.id, null, 'preload-' || g, "
                    + "'https://hooks.example.com/' || o.n || '/' || g, 'issue.created,issue.updated', true, 'v1:preload', "
                    + "now() - interval '30 days', now() - interval '30 days', 0 from preload_org o cross join generate_series(1, 10) g");
            s.execute("insert into issue_event (id, organization_id, issue_id, event_type, payload, created_at) "
                    + "select gen_random_uuid(), o.id, gen_random_uuid()::text, 'issue.created', '" + payload + "', "
                    + "now() - (g * interval '20 seconds') from generate_series(1, 100000) g join preload_org o on o.n = g % 200");
            // The joins below are planned on the statistics of tables just filled. Without an analyze first they
            // depend on whether autovacuum (off on this machine unless BENCH_AUTOVACUUM=on) has analyzed them yet: a
            // preload of 2026-12-05 was stopped after 16 minutes in the attempts' insert, one core busy throughout.
            // Only the tables the next join reads: the final vacuum analyze covers every table before measuring.
            s.execute("analyze webhook, issue_event");
            s.execute("insert into delivery (id, webhook_id, event_id, event_type, status, attempts, next_attempt_at, "
                    + "last_status, last_error, created_at, updated_at) select gen_random_uuid(), w.id, e.id, e.event_type, "
                    + "'SUCCEEDED', 1, null, 204, null, e.created_at, e.created_at from issue_event e "
                    + "join webhook w on w.organization_id = e.organization_id where w.name like 'preload-%'");
            s.execute("analyze delivery");
            s.execute("insert into delivery_attempt (id, delivery_id, number, started_at, duration_ms, status_code, error, "
                    + "response_excerpt, request_headers) select gen_random_uuid(), d.id, 1, d.created_at, 3, 204, null, '', "
                    + "'{\"Content-Type\":\"application/json\",\"User-Agent\":\"Issuehooks/bench\",\"X-Promptfoo-Signature\":"
                    + "\"0000000000000000000000000000000000000000000000000000000000000000\",\"webhook-id\":\"' || d.id || '\"}' "
                    + "from delivery d join webhook w on w.id = d.webhook_id where w.name like 'preload-%'");
            s.execute("vacuum analyze");
            // A server that stored this over weeks wrote it to its data files long ago; without a checkpoint here
            // the measurements that follow would pay for writing out the preload's own gigabyte of WAL.
            s.execute("checkpoint");
            try (var rs = s.executeQuery("select (select count(*) from webhook), (select count(*) from delivery), "
                    + "(select count(*) from delivery_attempt)")) {
                rs.next();
                System.out.printf("Preloaded in %.0f s: %d webhooks, %d deliveries, %d attempts in the database%n",
                        (System.nanoTime() - start) / 1e9, rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
