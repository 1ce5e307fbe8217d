package org.testbench.lab.mdms.http;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Names the MDMS's threads ({@code mdms-http-1}, {@code mdms-command-1}, ...) so that a thread dump
 * or a leak check finds them. Daemon threads: a lab that was never closed does not keep the JVM alive.
 */
public final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    public NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }
}
