package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.issuehooks.testsupport.Api;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the server serves at /openapi: valid by swagger-parser (the reference parser of the
 * OpenAPI ecosystem), complete (every resource method of the application is in it, and nothing else), and true
 * (real responses validated against it by Atlassian's swagger-request-validator).
 */
class OpenApiIT extends ReceiverTestBase {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    String document;
    OpenApiInteractionValidator validator;

    @BeforeEach
    void fetch() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "openapi?format=JSON")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        document = r.body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    @Test
    void theDocumentIsValidOpenApi() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("what the parser found wrong").isEmpty();
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(parsed.getOpenAPI().getComponents().getSchemas()).containsKey("Problem");
        assertThat(parsed.getOpenAPI().getExtensions()).containsKey("x-webhooks");
        HttpResponse<String> yaml = HTTP.send(HttpRequest.newBuilder(URI.create(base + "openapi")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: ");
    }

    @Test
    void everyEndpointTheServerAnswersIsDocumentedAndNothingElse() throws Exception {
        Set<String> documented = new TreeSet<>();
        new OpenAPIV3Parser().readContents(document).getOpenAPI().getPaths().forEach((path, item) ->
                item.readOperationsMap().keySet().forEach(m -> documented.add(m.name() + " " + normalize(path))));
        assertThat(documented).isEqualTo(served());
    }

    @Test
    void realResponsesMatchTheirSchemas() {
        Api api = f.api;
        String key = f.org.adminKey();
        Api.Reply hook = api.post("/api/v1/webhooks", key, Json.createObjectBuilder().add("url", receiver.url("/h")).add("name", "h")
                .add("events", Json.createArrayBuilder().add("issue.created")).build());
        check("/api/v1/webhooks", Request.Method.POST, hook);
        String hookId = hook.json().getString("id");
        check("/api/v1/webhooks", Request.Method.GET, api.get("/api/v1/webhooks", key));
        check("/api/webhooks/" + hookId, Request.Method.GET, api.get("/api/webhooks/" + hookId, key));
        check("/api/v1/webhooks/event-types", Request.Method.GET, api.get("/api/v1/webhooks/event-types", key));
        Api.Reply issue = api.post("/api/v1/issues", key, Json.createObjectBuilder().add("pluginId", "harmful:hate").add("severity", "high").build());
        check("/api/v1/issues", Request.Method.POST, issue);
        String issueId = issue.json().getString("id");
        check("/api/v1/issues/" + issueId, Request.Method.PATCH, api.patch("/api/v1/issues/" + issueId, key,
                Json.createObjectBuilder().add("status", "fixed").build()));
        check("/api/v1/issues/" + issueId + "/comments", Request.Method.POST, api.post("/api/v1/issues/" + issueId + "/comments", key,
                Json.createObjectBuilder().add("body", "looked at it").build()));
        check("/api/issues", Request.Method.GET, api.get("/api/issues", key));
        receiver.await("/h", 1, java.time.Duration.ofSeconds(30));
        f.awaitDelivery(hookId, io.issuehooks.testsupport.Fixture.status("succeeded"), java.time.Duration.ofSeconds(30));
        check("/api/v1/webhooks/" + hookId + "/deliveries", Request.Method.GET, api.get("/api/v1/webhooks/" + hookId + "/deliveries", key));
        io.issuehooks.testsupport.Await.until(() -> !api.get("/api/v1/events", key).json().getJsonArray("data").isEmpty(),
                java.time.Duration.ofSeconds(30), "an event in the feed");
        check("/api/v1/events", Request.Method.GET, api.get("/api/v1/events?limit=1", key));
        // Errors: problem+json of the documented shape.
        check("/api/v1/issues", Request.Method.POST, api.post("/api/v1/issues", key, Json.createObjectBuilder().add("severity", "nope").build()));
        check("/api/v1/webhooks/" + java.util.UUID.randomUUID(), Request.Method.GET, api.get("/api/v1/webhooks/" + java.util.UUID.randomUUID(), key));
        check("/api/v1/issues", Request.Method.GET, api.get("/api/v1/issues", null));
        check("/api/health", Request.Method.GET, api.get("/api/health", null));
    }

    private void check(String path, Request.Method method, Api.Reply reply) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
        if (reply.contentType() != null) {
            response.withContentType(reply.contentType());
        }
        ValidationReport report = validator.validateResponse(path, method, response.build());
        assertThat(report.getMessages()).as("%s %s answered %s", method, path, reply).isEmpty();
    }

    /** Every resource method of the application, as "METHOD /api/path" with path parameters as {}. */
    static Set<String> served() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(System.getProperty("basedir", "."), "target", "classes");
        Set<String> result = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(p -> p.toString().endsWith("Resource.class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiIT.class.getClassLoader());
                Path classPath = type.getAnnotation(Path.class);
                if (classPath == null || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                    continue;
                }
                for (Method m : type.getMethods()) {
                    for (var a : m.getAnnotations()) {
                        HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
                        if (http != null) {
                            Path methodPath = m.getAnnotation(Path.class);
                            String relative = classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
                            result.add(http.value() + " " + normalize("/api/" + relative));
                            // The same resource at the unversioned path (platform.UnversionedPaths).
                            String[] versioned = relative.replaceAll("^/+", "").split("/", 3);
                            if (versioned.length > 1 && versioned[0].equals("v1")
                                    && io.issuehooks.platform.UnversionedPaths.PREFIXES.contains(versioned[1])) {
                                result.add(http.value() + " " + normalize("/api/" + relative.replaceAll("^/*v1/", "")));
                            }
                        }
                    }
                }
            }
        }
        return result;
    }

    static String normalize(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }
}
