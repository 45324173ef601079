package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.issuehooks.delivery.store.RetentionJob;
import io.issuehooks.testsupport.Api;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Tenants;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hourly retention job, run now in the server with a retention of zero. */
@ExtendWith(ArquillianExtension.class)
class RetentionIT {

    @Deployment
    static WebArchive app() {
        return Deployments.applicationWith(RetentionIT.class);
    }

    @ArquillianResource
    URL base;

    @Inject
    RetentionJob retention;

    @Test
    void finishedDeliveriesOlderThanTheRetentionAreRemovedWithTheirEvents() throws Exception {
        Api api = new Api(base);
        Tenants.Org org = new Tenants(api).organization();
        // POST to the health endpoint answers 405: a delivery that fails, three attempts a second or so apart.
        String hook = api.post("/api/v1/webhooks", org.adminKey(), Json.createObjectBuilder()
                .add("url", base + "api/health").add("name", "to-purge")
                .add("events", Json.createArrayBuilder().add("issue.created")).build()).json().getString("id");
        api.post("/api/v1/issues", org.adminKey(), Json.createObjectBuilder().add("pluginId", "p").add("severity", "low").build());
        String deliveries = "/api/v1/webhooks/" + hook + "/deliveries";
        long deadline = System.currentTimeMillis() + 30_000;
        while (!api.get(deliveries + "?status=failed", org.adminKey()).json().getJsonArray("data").stream()
                .findAny().isPresent()) {
            assertThat(System.currentTimeMillis()).isLessThan(deadline);
            Thread.sleep(200);
        }
        JsonObject failed = api.get(deliveries, org.adminKey()).json().getJsonArray("data").getJsonObject(0);

        System.setProperty("issuehooks.delivery.retention", "0s");
        try {
            retention.purge();
        } finally {
            System.clearProperty("issuehooks.delivery.retention");
        }

        assertThat(api.get(deliveries, org.adminKey()).json().getJsonArray("data")).isEmpty();
        assertThat(api.get(deliveries + "/" + failed.getString("id"), org.adminKey()).status()).isEqualTo(404);
    }
}
