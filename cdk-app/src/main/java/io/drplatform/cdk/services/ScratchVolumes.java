package io.drplatform.cdk.services;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.TaskDefinition;
import software.amazon.awscdk.services.ecs.Volume;

/**
 * The writable paths of a container whose root file system is read-only: one task volume per path, without a host, so
 * Fargate backs it with the task's ephemeral storage, empties it for each task and removes it with the task.
 *
 * <p>Fargate creates such a volume owned by root with mode 0755 unless the image declares the same path as a
 * {@code VOLUME}, in which case it copies the image's directory (contents, owner and mode) into it: an image that runs as
 * an unprivileged user declares each scratch path as a {@code VOLUME} it owns or that is world-writable, as
 * {@code service/Dockerfile} does for {@code /tmp}.
 */
final class ScratchVolumes {
    private ScratchVolumes() {}

    static void mount(TaskDefinition task, ContainerDefinition container, List<String> paths) {
        Set<String> names = new HashSet<>();
        for (String path : paths) {
            String name = volumeName(path, names);
            task.addVolume(Volume.builder().name(name).build());
            container.addMountPoints(MountPoint.builder()
                    .sourceVolume(name)
                    .containerPath(path)
                    .readOnly(false)
                    .build());
        }
    }

    /** {@code scratch-tmp} for {@code /tmp}: readable in the console, unique within the task. */
    static String volumeName(String path, Set<String> taken) {
        String base = "scratch" + path.replaceAll("[^A-Za-z0-9]", "-");
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
