package io.issuehooks.testsupport;

import java.nio.file.Path;

/** The Byteman agent the crash tests load into a server they start (its jar: the build's it.byteman.jar). */
public final class Byteman {

    private Byteman() {
    }

    /** The JVM option that loads the agent, on the boot class path, with the rules of {@code script}. */
    public static String agent(Path script) {
        String jar = System.getProperty("it.byteman.jar");
        return " -javaagent:" + jar + "=script:" + script + ",boot:" + jar;
    }
}
