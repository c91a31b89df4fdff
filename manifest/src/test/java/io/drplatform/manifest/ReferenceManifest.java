package io.drplatform.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference application's manifest, as shipped and as it reads after production failed over. */
public final class ReferenceManifest {
    public static final Path PATH = Path.of("..", "manifests", "tco-calculator.yaml");

    private ReferenceManifest() {}

    /**
     * A copy in a temporary directory with production's writable database in the standby region
     * ({@code dr.activeRegion: us-west-2}); the image build context stays the repository root.
     */
    public static Path failedOver() throws IOException {
        String text = Files.readString(PATH)
                .replace(
                        "directory: ..",
                        "directory: "
                                + PATH.toAbsolutePath().getParent().getParent().normalize())
                .replace("\n  production:\n", "\n  production:\n    dr: { activeRegion: us-west-2 }\n");
        Path moved = Files.createTempDirectory("failed-over").resolve("tco-calculator.yaml");
        Files.writeString(moved, text);
        return moved;
    }
}
