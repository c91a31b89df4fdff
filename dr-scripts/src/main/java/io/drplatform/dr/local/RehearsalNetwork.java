package io.drplatform.dr.local;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback addresses for one rehearsal: one network per region, so every server listens on the port its template
 * names (PostgreSQL 5432, Redis 6380, the container's port) without meeting anything already on 127.0.0.1, another
 * region or another rehearsal. Linux answers on the whole of 127.0.0.0/8.
 */
record RehearsalNetwork(String prefix) {
    private static final int TASK_HOSTS = 10;

    static RehearsalNetwork forThisRun() {
        return new RehearsalNetwork("127." + ThreadLocalRandom.current().nextInt(100, 250) + ".");
    }

    /** The edge: the identity provider and the failover entry point, outside any region. */
    String global(int host) {
        return prefix + "0." + host;
    }

    String issuer() {
        return global(4);
    }

    String entryPoint() {
        return global(1);
    }

    String database(int regionIndex) {
        return region(regionIndex, 2);
    }

    String cache(int regionIndex) {
        return region(regionIndex, 3);
    }

    String loadBalancer(int regionIndex) {
        return region(regionIndex, 5);
    }

    /** A task's own address, as awsvpc gives each task an interface of its own. */
    String task(int regionIndex, int task) {
        return region(regionIndex, TASK_HOSTS + task);
    }

    /**
     * The port a task listens on here: its container port, moved up by {@value #UNPRIVILEGED_OFFSET} when it is a
     * privileged one and the tool does not run as root (a container may bind port 80 in its own network namespace;
     * a process on a shared loopback may not).
     */
    static int taskPort(int containerPort) {
        return containerPort > 0 && containerPort < 1024 && !OsCommand.isRoot()
                ? containerPort + UNPRIVILEGED_OFFSET
                : containerPort;
    }

    static final int UNPRIVILEGED_OFFSET = 8000;

    private String region(int regionIndex, int host) {
        return prefix + (regionIndex + 1) + "." + host;
    }
}
