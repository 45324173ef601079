package io.issuehooks.testsupport;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** A ManagedThreadFactory for unit tests outside a container: plain daemon threads. */
public final class PlainThreads implements ManagedThreadFactory {

    @Override
    public Thread newThread(Runnable task) {
        Thread t = new Thread(task);
        t.setDaemon(true);
        return t;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        throw new UnsupportedOperationException();
    }
}
