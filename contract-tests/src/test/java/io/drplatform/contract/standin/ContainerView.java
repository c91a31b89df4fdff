package io.drplatform.contract.standin;

import io.drplatform.dr.rehearsal.template.ContainerIsolation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process started as its container definition confines it: in a mount namespace of its own where every file system
 * but the kernel's ({@code /proc}, {@code /sys}, {@code /dev}) is remounted read-only ({@code ReadonlyRootFilesystem}),
 * an empty tmpfs at each writable mount point (mode 1777, as the image's {@code /tmp} that {@code service/Dockerfile}
 * declares as a {@code VOLUME} and Fargate copies into the task volume), and then the definition's numeric {@code User}
 * without supplementary groups, as the container runtime sets it.
 *
 * <p>Mounting needs root: as root the view is made directly, otherwise through {@code sudo -n}, which keeps the
 * environment ({@code --preserve-env}) and fails at once rather than prompt. Neither is a reason to skip: a process that
 * runs unconfined would prove nothing about the container.
 */
public final class ContainerView {
    /** A numeric {@code uid[:gid]}; the image's names are unknown outside it. */
    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(?::(\\d+))?");

    /**
     * Remounts read-only, mounts the scratch paths, leaves no variable of its own, and runs the command as the user.
     * Arguments: read-only (1/0), uid, gid (empty: stay root), count of scratch paths, the paths, the command.
     */
    private static final String SCRIPT = String.join(
            "\n",
            "set -e",
            "readonly=$1 uid=$2 gid=$3 count=$4",
            "shift 4",
            "if [ \"$readonly\" = 1 ]; then",
            "  for m in $(awk '{print $5}' /proc/self/mountinfo | grep -Ev '^/(proc|sys|dev)(/|$)' | sort -u); do",
            "    mount -o remount,bind,ro \"$m\"",
            "  done",
            "fi",
            "while [ \"$count\" -gt 0 ]; do",
            "  mount -t tmpfs -o mode=1777,nosuid,nodev,size=256m scratch \"$1\"",
            "  shift; count=$((count - 1))",
            "done",
            "unset PWD SUDO_USER SUDO_UID SUDO_GID SUDO_COMMAND SUDO_HOME",
            "if [ -n \"$uid\" ]; then",
            "  exec setpriv --reuid=\"$uid\" --regid=\"$gid\" --clear-groups -- \"$@\"",
            "fi",
            "exec \"$@\"");

    private ContainerView() {}

    /** The command line that runs {@code command} confined as {@code isolation} says; unchanged when it says nothing. */
    public static List<String> wrap(ContainerIsolation isolation, List<String> command) {
        if (!isolation.confines() && isolation.writablePaths().isEmpty()) {
            return command;
        }
        String uid = "";
        String gid = "";
        if (isolation.user().isPresent()) {
            Matcher user = NUMERIC_USER.matcher(isolation.user().get());
            if (!user.matches()) {
                throw new IllegalStateException(
                        "the container runs as `" + isolation.user().get()
                                + "`, a name only its image knows; give the task definition a numeric uid:gid");
            }
            uid = user.group(1);
            // Without a group and without a passwd entry for the uid, the container runtime uses group 0.
            gid = user.group(2) == null ? "0" : user.group(2);
        }
        for (String path : isolation.writablePaths()) {
            if (!Files.isDirectory(Path.of(path))) {
                throw new IllegalStateException("the container's scratch path " + path
                        + " does not exist on this machine, so the view cannot mount it (the image creates it)");
            }
        }
        List<String> line = new ArrayList<>();
        if (!Commands.isRoot()) {
            line.addAll(List.of("sudo", "-n", "--preserve-env"));
        }
        line.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", SCRIPT, "view"));
        line.add(isolation.readOnlyRootFilesystem() ? "1" : "0");
        line.add(uid);
        line.add(gid);
        line.add(Integer.toString(isolation.writablePaths().size()));
        line.addAll(isolation.writablePaths());
        line.addAll(command);
        return line;
    }
}
