package io.issuehooks.testsupport;

import java.io.File;
import java.net.URISyntaxException;
import org.assertj.core.api.Assertions;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application exactly as `mvn package` built it; in-container tests add their own classes to it. */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive application() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    /** The application with test classes inside, for tests that run in the server. */
    public static WebArchive applicationWith(Class<?>... classes) {
        return withTestSupport(application().addClasses(classes));
    }

    /** The client jar exactly as `mvn package` built it. */
    public static JavaArchive clientJar() {
        return ShrinkWrap.createFromZipFile(JavaArchive.class, new File(System.getProperty("it.client.jar")));
    }

    public static WebArchive withTestSupport(WebArchive war) {
        return war.addClasses(TapReader.class, TapReader.Tapped.class, EventTap.class, Api.class, Api.Reply.class,
                        Tenants.class, Tenants.Org.class)
                .addAsLibrary(jarOf(Assertions.class));
    }

    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
