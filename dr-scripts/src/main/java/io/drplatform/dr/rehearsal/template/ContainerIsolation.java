package io.drplatform.dr.rehearsal.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a container runs as and where it may write, as its container definition says: {@code User}, {@code
 * ReadonlyRootFilesystem}, and the container paths of its writable {@code MountPoints} (the platform mounts only
 * empty task volumes there).
 *
 * @param user the container definition's {@code User}; empty: the image's own
 */
public record ContainerIsolation(Optional<String> user, boolean readOnlyRootFilesystem, List<String> writablePaths) {
    public static final ContainerIsolation NONE = new ContainerIsolation(Optional.empty(), false, List.of());

    static ContainerIsolation read(String taskDefinitionId, JsonNode container) {
        JsonNode user = container.path("User");
        if (!user.isMissingNode() && !user.isTextual()) {
            throw new IllegalStateException(taskDefinitionId + " container "
                    + container.path("Name").asText() + " has a computed User: " + user);
        }
        List<String> writable = new ArrayList<>();
        for (JsonNode mount : container.path("MountPoints")) {
            if (!mount.path("ReadOnly").asBoolean(false)) {
                writable.add(mount.path("ContainerPath").asText());
            }
        }
        return new ContainerIsolation(
                user.isTextual() ? Optional.of(user.asText()) : Optional.empty(),
                container.path("ReadonlyRootFilesystem").asBoolean(false),
                List.copyOf(writable));
    }

    /** Whether running the container as it would run takes more than starting its process. */
    public boolean confines() {
        return user.isPresent() || readOnlyRootFilesystem;
    }
}
