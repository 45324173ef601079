package io.issuehooks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.issuehooks.client.IssueChanged;
import io.issuehooks.contract.IssueSnapshot;
import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.EventTap;
import io.issuehooks.testsupport.TapReader.Tapped;
import io.issuehooks.testsupport.TapReader;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.arquillian.api.ServerSetup;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A second deployment, packaging only the client jar, fires issue changes as CDI events in its own
 * transactions; they reach the application's queue, coalesced, if and only if those transactions commit.
 */
@ExtendWith(ArquillianExtension.class)
@ServerSetup(EventTap.class)
class ClientJarIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Deployment(name = "app", order = 1, testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @Deployment(name = "scanner", order = 2)
    static WebArchive scanner() {
        return Deployments.withTestSupport(ShrinkWrap.create(WebArchive.class, "scanner.war")
                .addClasses(ClientJarIT.class, ExternalScanner.class)
                .addAsLibrary(Deployments.clientJar())
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml"));
    }

    @Inject
    ExternalScanner scanner;

    static String organization = UUID.randomUUID().toString();

    @Test
    @OperateOnDeployment("scanner")
    void aNewIssueReachesTheQueueAsCreated() {
        String id = UUID.randomUUID().toString();

        scanner.report(List.of(new IssueChanged(null, ExternalScanner.issue(id, organization, "open", "high"), "scanner")));

        Tapped e = TapReader.await(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.created");
        assertThat(e.organizationId()).isEqualTo(organization);
        assertThat(e.issue().getString("weakness")).isEqualTo("Jailbreak");
        assertThat(e.issue().getString("createdAt")).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(e.json().getJsonObject("data").getString("userId")).isEqualTo("scanner");
    }

    @Test
    @OperateOnDeployment("scanner")
    void changesOfOneIssueInOneTransactionAreCoalesced() {
        String id = UUID.randomUUID().toString();
        IssueSnapshot open = ExternalScanner.issue(id, organization, "open", "high");
        IssueSnapshot fixed = ExternalScanner.issue(id, organization, "fixed", "high");
        IssueSnapshot fixedLow = ExternalScanner.issue(id, organization, "fixed", "low");

        scanner.report(List.of(new IssueChanged(open, fixed, null), new IssueChanged(fixed, fixedLow, null)));

        Tapped e = TapReader.await(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.updated");
        assertThat(e.eventData().getJsonArray("changes").getValuesAs(JsonString::getString))
                .containsExactly("status changed to fixed", "severity changed to low");
        TapReader.assertNone(id, Duration.ofSeconds(2));
    }

    @Test
    @OperateOnDeployment("scanner")
    void aCommentReachesTheQueueAsCommentAdded() {
        String id = UUID.randomUUID().toString();

        scanner.reportComment(ExternalScanner.issue(id, organization, "open", "low"), "triaged");

        Tapped e = TapReader.await(id, 1, WAIT).get(0);
        assertThat(e.eventType()).isEqualTo("issue.comment_added");
        assertThat(e.eventData().getJsonObject("comment").getString("body")).isEqualTo("triaged");
    }

    @Test
    @OperateOnDeployment("scanner")
    void aRolledBackTransactionSendsNothing() {
        String id = UUID.randomUUID().toString();

        scanner.reportThenRollBack(new IssueChanged(null, ExternalScanner.issue(id, organization, "open", "high"), null));

        TapReader.assertNone(id, Duration.ofSeconds(2));
    }

    @Test
    @OperateOnDeployment("scanner")
    void firingOutsideATransactionIsRefused() {
        String id = UUID.randomUUID().toString();

        assertThatThrownBy(() -> scanner.reportWithoutTransaction(
                new IssueChanged(null, ExternalScanner.issue(id, organization, "open", "high"), null)))
                .isInstanceOf(EJBException.class).hasStackTraceContaining("inside a JTA transaction");
        TapReader.assertNone(id, Duration.ofSeconds(1));
    }
}
