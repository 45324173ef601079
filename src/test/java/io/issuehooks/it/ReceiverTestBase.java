package io.issuehooks.it;

import io.issuehooks.testsupport.Deployments;
import io.issuehooks.testsupport.Fixture;
import io.issuehooks.testsupport.Receiver;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the delivery tests share: the application as built, an organisation of their own ({@code f}), and a real
 * HTTP receiver in the test JVM, fresh for every test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
abstract class ReceiverTestBase {

    @Deployment(testable = false)
    static WebArchive app() {
        return Deployments.application();
    }

    @ArquillianResource
    URL base;

    Fixture f;
    Receiver receiver;

    /** The local address the receiver listens on. */
    String receiverAddress() {
        return "127.0.0.1";
    }

    @BeforeEach
    void startReceiver() {
        f = new Fixture(base);
        receiver = Receiver.start(receiverAddress());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }
}
