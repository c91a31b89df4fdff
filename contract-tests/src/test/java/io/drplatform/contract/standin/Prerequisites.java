package io.drplatform.contract.standin;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Debian binaries the stand-ins are made of. A missing one fails the test with what to install: a contract
 * test that skips itself on a machine without them would pass without checking anything.
 */
public final class Prerequisites {
    private Prerequisites() {}

    public static void require() {
        List<String> missing = new ArrayList<>();
        if (postgresBinaries().isEmpty()) {
            missing.add("postgresql (initdb, pg_ctl under /usr/lib/postgresql/*/bin)");
        }
        for (String[] tool : new String[][] {
            {"redis-server", "redis-server"},
            {"redis-cli", "redis-tools"},
            {"openssl", "openssl"},
            {"curl", "curl"},
            {"bash", "bash"},
            // The container view: a mount namespace and the task's user.
            {"unshare", "util-linux"},
            {"setpriv", "util-linux"}
        }) {
            if (onPath(tool[0]).isEmpty()) {
                missing.add(tool[1] + " (" + tool[0] + ")");
            }
        }
        if (!Commands.isRoot() && onPath("sudo").isEmpty()) {
            missing.add("sudo (the container view mounts file systems: run as root or with passwordless sudo)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the deployment contract test needs these Debian packages: " + missing
                    + "; ./platform test installs them (apt-get install -y postgresql redis-server openssl curl)");
        }
    }

    /** The newest PostgreSQL server installed (Debian puts each major version under /usr/lib/postgresql/N/bin). */
    public static Path postgresBin() {
        return postgresBinaries()
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql"));
    }

    private static Optional<Path> postgresBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
