package io.drplatform.manifest.validation;

import io.drplatform.manifest.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a service's containers run as and where they may write: a user ECS accepts that is not root, and scratch
 * volumes at distinct absolute paths that leave the image's own file system (and the runtime's mounts) alone.
 *
 * <p>Root is refused rather than allowed on request: a manifest that needs the image's root user leaves {@code user}
 * out and gets the image's own {@code USER}, so naming root explicitly is never necessary.
 */
final class ContainerHardeningRules extends SectionRules {
    /** {@code uid[:gid]} or {@code name[:group]}, in any pairing, as ECS passes it to the container runtime. */
    private static final Pattern USER =
            Pattern.compile("([0-9]{1,10}|[a-z_][a-z0-9_-]{0,31})(?::([0-9]{1,10}|[a-z_][a-z0-9_-]{0,31}))?");
    /** The largest id the Linux kernel hands out ({@code (uid_t) -1} means "no change"). */
    private static final long MAX_ID = 4_294_967_294L;
    /** Absolute, one name per directory, no {@code .} or {@code ..} segments (checked separately), no trailing slash. */
    private static final Pattern SCRATCH_PATH = Pattern.compile("(/[A-Za-z0-9._-]+)+");
    /** Mounted by the container runtime itself; a volume over one would hide it. */
    private static final Set<String> RUNTIME_PATHS = Set.of("/", "/proc", "/sys", "/dev");

    ContainerHardeningRules(ProblemReport report) {
        super(report);
    }

    void check(ServiceSpec s, String at) {
        if (s.user() != null) {
            checkUser(s.user(), at + "/user");
        }
        List<String> seen = new ArrayList<>();
        List<String> scratch = s.scratchPaths();
        for (int i = 0; i < scratch.size(); i++) {
            String path = scratch.get(i);
            String pointer = at + "/scratchVolumes/" + i;
            if (checkPath(path, pointer)) {
                checkOverlap(path, seen, pointer);
                seen.add(path);
            }
        }
    }

    private void checkUser(String user, String pointer) {
        Matcher m = USER.matcher(user);
        if (!m.matches() || tooLarge(m.group(1)) || tooLarge(m.group(2))) {
            report.problem(
                    pointer,
                    "`" + user + "` is not a user ECS can run a container as",
                    "give `uid[:gid]` (numbers) or a user name the image knows, optionally with `:group`, e.g. `user: \"10001:10001\"`");
        } else if ("0".equals(m.group(1)) || "root".equals(m.group(1))) {
            report.problem(
                    pointer,
                    "`" + user + "` runs the containers as root; the platform runs services as an unprivileged user",
                    "name the image's unprivileged user, e.g. `user: \"10001:10001\"`, or remove `user` to run as the"
                            + " image's own USER");
        }
    }

    private static boolean tooLarge(String id) {
        return id != null && id.chars().allMatch(Character::isDigit) && Long.parseLong(id) > MAX_ID;
    }

    private boolean checkPath(String path, String pointer) {
        if (path == null || path.isBlank()) {
            report.problem(pointer, "needs an absolute path in the container", "e.g. `/tmp`");
            return false;
        }
        if (RUNTIME_PATHS.contains(path)) {
            report.problem(
                    pointer,
                    "`" + path + "` cannot be a scratch volume: "
                            + ("/".equals(path)
                                    ? "it would make the whole file system writable"
                                    : "the container runtime mounts it, and a volume would hide it"),
                    "list only the directories the service writes to, e.g. `/tmp`");
            return false;
        }
        boolean dotSegment = ("/" + path + "/").contains("/./") || ("/" + path + "/").contains("/../");
        if (!SCRATCH_PATH.matcher(path).matches() || dotSegment) {
            report.problem(
                    pointer,
                    "`" + path + "` is not an absolute path in the container",
                    path.startsWith("/") || dotSegment
                            ? "start with / and name each directory once (letters, digits, . _ -), without `.`, `..`"
                                    + " or a trailing /"
                            : "did you mean `/" + path + "`?");
            return false;
        }
        return true;
    }

    private void checkOverlap(String path, List<String> earlier, String pointer) {
        for (String other : earlier) {
            if (other.equals(path)) {
                report.problem(pointer, "`" + path + "` is listed twice", "list each scratch path once");
                return;
            }
            if (path.startsWith(other + "/") || other.startsWith(path + "/")) {
                String outer = path.length() < other.length() ? path : other;
                String inner = outer.equals(path) ? other : path;
                report.problem(
                        pointer,
                        "`" + inner + "` is inside `" + outer + "`, which is already a scratch volume",
                        "keep only `" + outer + "`");
                return;
            }
        }
    }
}
