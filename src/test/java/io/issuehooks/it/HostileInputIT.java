package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Tenants;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint that takes input, given what a careless or hostile client sends: each field of a valid body
 * replaced by every wrong type and by extreme values, bodies that are not objects, repeated and absurd query
 * parameters, odd Accept and Content-Type headers, path segments with encoded slashes, dots and NUL. Whatever the
 * request, the answer is never a 5xx, and every refusal is an RFC 9457 problem that names nothing of the server's
 * insides (no exception, class, SQL or stack frame) and nothing of another organisation.
 */
class HostileInputIT extends ReceiverTestBase {

    /** Raw JSON texts put in place of a field's value. */
    static final List<String> VALUES = List.of("null", "true", "0", "-1", "1.5", "1e309", "-1e309", "99999999999999999999999999",
            "\"\"", "\" \"", "\"x\"", "\"" + "x".repeat(70_000) + "\"", "\"\\u0000\"", "\"\\ud800\"", "[]", "[1]", "[\"x\"]",
            "[null]", "{}", "{\"a\":1}");
    static final List<String> LEAKS = List.of("Exception", "exception", "\tat ", "org.jboss", "org.hibernate", "java.",
            "jakarta.", "SQL", "sql", "io.issuehooks", "Caused by", "postgres", "h2");

    Api api;
    String key;
    String foreignHook;
    String foreignName;
    String hook;
    String issue;
    SoftAssertions soft;

    @BeforeEach
    void data() {
        api = f.api;
        key = f.org.adminKey();
        hook = f.webhook(receiver.url("/h"), "issue.created").getString("id");
        issue = f.issue();
        Tenants.Org other = f.tenants.organization();
        foreignName = "foreign-" + java.util.UUID.randomUUID();
        foreignHook = api.post("/api/v1/webhooks", other.adminKey(), body(Map.of("url", "\"" + receiver.url("/" + foreignName) + "\"",
                "name", "\"" + foreignName + "\"", "events", "[\"issue.created\"]"))).json().getString("id");
        soft = new SoftAssertions();
    }

    record Endpoint(String method, String path, Map<String, String> valid, String key) {
    }

    List<Endpoint> endpoints() {
        String url = "\"" + receiver.url("/h") + "\"";
        return List.of(
                new Endpoint("POST", "/api/v1/organizations", Map.of("name", "\"o\""), Api.BOOTSTRAP),
                new Endpoint("POST", "/api/v1/teams", Map.of("name", "\"t\""), key),
                new Endpoint("POST", "/api/v1/service-accounts", Map.of("name", "\"k\"", "role", "\"member\""), key),
                new Endpoint("POST", "/api/v1/webhooks", Map.of("url", url, "name", "\"w\"", "events", "[\"issue.created\"]",
                        "rateLimit", "5", "enabled", "true", "filter", "{\"minSeverity\":\"high\"}", "headers", "{\"X-A\":\"b\"}",
                        "format", "\"promptfoo\""), key),
                new Endpoint("PUT", "/api/v1/webhooks/" + hook, Map.of("url", url, "name", "\"w\"", "events", "[\"issue.created\"]"), key),
                new Endpoint("PATCH", "/api/v1/webhooks/" + hook, Map.of("name", "\"w\"", "filter", "{\"statuses\":[\"open\"]}"), key),
                new Endpoint("POST", "/api/v1/webhooks/" + hook + "/recover", Map.of("since", "\"2026-01-01T00:00:00Z\"",
                        "until", "\"2099-01-01T00:00:00Z\""), key),
                new Endpoint("POST", "/api/v1/issues", Map.of("pluginId", "\"p\"", "severity", "\"low\"", "status", "\"open\"",
                        "targetId", "\"t\"", "weakness", "\"w\""), key),
                new Endpoint("PATCH", "/api/v1/issues/" + issue, Map.of("status", "\"fixed\"", "severity", "\"high\"",
                        "providerId", "\"p\""), key),
                new Endpoint("POST", "/api/v1/issues/" + issue + "/comments", Map.of("body", "\"c\""), key));
    }

    @Test
    void everyFieldOfEveryBodyWithEveryWrongValue() {
        for (Endpoint e : endpoints()) {
            for (String field : e.valid().keySet()) {
                for (String value : VALUES) {
                    Map<String, String> fields = new java.util.LinkedHashMap<>(e.valid());
                    fields.put(field, value);
                    check(e.method() + " " + e.path() + " " + field + "=" + cut(value),
                            send(e, body(fields), contentType(e)));
                }
            }
            for (String whole : List.of("", "null", "[]", "\"x\"", "1", "{", "{}}", "{\"a\":1,\"a\":2}", "[".repeat(40) + "]".repeat(40),
                    "{\"unknown\":1}", "\u00ef\u00bb\u00bf{}")) {
                check(e.method() + " " + e.path() + " body " + cut(whole), send(e, whole, contentType(e)));
            }
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x", "*/*", "application/json-patch+json")) {
                check(e.method() + " " + e.path() + " Content-Type " + type, send(e, body(e.valid()), type));
            }
            for (String accept : List.of("text/html", "application/xml", "image/png", "application/json;q=0, text/plain")) {
                Api.Reply r = api.raw(e.method(), e.path(), e.key(), contentType(e), body(e.valid()), "Accept", accept);
                soft.assertThat(r.status()).as("%s %s Accept %s: %s", e.method(), e.path(), accept, r).isLessThan(500);
            }
        }
        soft.assertAll();
    }

    @Test
    void queryParametersAndPathSegments() {
        List<String> lists = List.of("/api/v1/webhooks", "/api/v1/issues", "/api/v1/teams", "/api/v1/service-accounts",
                "/api/v1/webhooks/" + hook + "/deliveries", "/api/v1/issues/" + issue + "/comments", "/api/v1/events", "/api/webhooks");
        List<String> queries = List.of("?limit=0", "?limit=-1", "?limit=101", "?limit=1e3", "?limit=99999999999999999999", "?limit=",
                "?limit=1&limit=2", "?cursor=", "?cursor=%00", "?cursor=" + "A".repeat(5000), "?cursor=MjAyNi8", "?status=nope",
                "?status=failed&status=pending", "?event=issue.deleted", "?severity=%FF", "?type=", "?since=0", "?teamId=x",
                "?limit=%F0%9F%98%80");
        for (String list : lists) {
            for (String q : queries) {
                check("GET " + list + q, api.get(list + q, key));
            }
        }
        List<String> paths = List.of("/api/v1/webhooks/%2e%2e", "/api/v1/webhooks/..%2F..%2Forganizations", "/api/v1/webhooks/a%2Fb",
                "/api/v1/webhooks/%00", "/api/v1/webhooks/" + foreignHook, "/api/v1/webhooks/" + foreignHook + "/deliveries",
                "/api/v1/issues/%252e%252e", "/api/v1/issues/" + "9".repeat(5000), "/api/v1/webhooks/" + hook + "/deliveries/..%2F..",
                "/api/v1/webhooks/" + hook.toUpperCase(), "/api/webhooks/%2e%2e/%2e%2e/organizations", "/api/v1/organizations/%20",
                "/api/v1/issues/" + issue + "/comments/%2e", "/api/issues/" + issue + ";a=b", "/api/v1/./webhooks",
                "/nothing-here", "/ui/%2e%2e/api/v1/webhooks");
        for (String path : paths) {
            for (String method : List.of("GET", "DELETE", "PATCH", "PUT", "POST")) {
                check(method + " " + path, api.raw(method, path, key, "application/json", "{}"));
            }
        }
        // The container itself refuses WEB-INF (its own HTML 404, before the application sees the request): no content.
        for (String hidden : List.of("/WEB-INF/web.xml", "/ui/../WEB-INF/web.xml", "/WEB-INF/classes/META-INF/persistence.xml")) {
            Api.Reply r = api.get(hidden, key);
            soft.assertThat(r.status()).as(hidden).isEqualTo(404);
            soft.assertThat(r.body()).as(hidden).doesNotContain("<web-app").doesNotContain("persistence-unit");
        }
        Api.Reply root = api.get("/", null);
        soft.assertThat(root.status()).as("/ leads to the console").isEqualTo(302);
        soft.assertThat(root.header("Location")).as("/ leads to the console").endsWith("/ui/");
        soft.assertAll();
    }

    private Api.Reply send(Endpoint e, String body, String type) {
        return api.raw(e.method(), e.path(), e.key(), type, body);
    }

    private static String contentType(Endpoint e) {
        return e.method().equals("PATCH") ? "application/merge-patch+json" : "application/json";
    }

    /** Never a server error; a refusal is a problem that says what and leaks nothing. */
    private void check(String what, Api.Reply r) {
        soft.assertThat(r.status()).as("%s answered %s", what, cut(r.toString())).isLessThan(500);
        if (r.status() >= 400) {
            soft.assertThat(r.contentType()).as("%s: %s", what, cut(r.toString())).startsWith("application/problem+json");
            if (r.contentType() != null && r.contentType().startsWith("application/problem+json")) {
                JsonObject p = r.json();
                soft.assertThat(p.getInt("status")).as(what).isEqualTo(r.status());
                soft.assertThat(p.containsKey("detail") && p.get("detail").getValueType() == JsonValue.ValueType.STRING).as(what).isTrue();
            }
            for (String leak : LEAKS) {
                soft.assertThat(r.body()).as("%s leaks %s: %s", what, leak, cut(r.body())).doesNotContain(leak);
            }
            soft.assertThat(r.body()).as("%s: nothing of another organisation", what).doesNotContain(foreignName);
        }
    }

    private static String body(Map<String, String> fields) {
        List<String> members = new ArrayList<>();
        fields.forEach((k, v) -> members.add(Json.createValue(k) + ":" + v));
        return "{" + String.join(",", members) + "}";
    }

    private static String cut(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
