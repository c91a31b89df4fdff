package io.drplatform.dr.rehearsal.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The file that keeps a rehearsal's secrets between its processes: JSON,
 * {@code {"format": "dr-rehearsal-secrets/1", "secrets": [{"stack", "logicalId", "name", "account", "region",
 * "suffix", "replicaRegions", "value"}, ...]}}, mode 0600. It is written to a temporary file of the same directory
 * first and then renamed or linked into place, so a reader never sees half of it.
 */
final class SecretsFile {
    static final String FORMAT = "dr-rehearsal-secrets/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private record Contents(String format, List<EnvironmentSecrets.Secret> secrets) {}

    private SecretsFile() {}

    static EnvironmentSecrets read(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(mode)) {
                throw new IllegalStateException(file + " holds secrets but its mode is "
                        + PosixFilePermissions.toString(mode) + "; it must be readable by its owner only (0600)");
            }
            Contents contents = JSON.readValue(file.toFile(), Contents.class);
            if (!FORMAT.equals(contents.format())) {
                throw new IllegalStateException(
                        file + " is not a file of rehearsal secrets (format " + contents.format() + ")");
            }
            return new EnvironmentSecrets(contents.secrets());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rehearsal's secrets from " + file, e);
        }
    }

    /** Replaces {@code file}. */
    static void write(Path file, EnvironmentSecrets secrets) {
        Path temporary = temporaryCopy(file, secrets);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write the rehearsal's secrets to " + file, e);
        }
    }

    /**
     * The secrets in {@code file}, checked by {@code check}; if there is none, {@code generate}'s, written there
     * unless another process wrote its own first, in which case those are the ones (every process then agrees).
     */
    static EnvironmentSecrets loadOrCreate(
            Path file, Supplier<EnvironmentSecrets> generate, Consumer<EnvironmentSecrets> check) {
        if (!Files.exists(file)) {
            EnvironmentSecrets generated = generate.get();
            Path temporary = temporaryCopy(file, generated);
            try {
                // A hard link creates the name only if it does not exist yet, atomically.
                Files.createLink(file, temporary);
                return generated;
            } catch (FileAlreadyExistsException e) {
                // Another process was first; fall through to read its secrets.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the rehearsal's secrets to " + file, e);
            } finally {
                deleteQuietly(temporary);
            }
        }
        EnvironmentSecrets kept = read(file);
        try {
            check.accept(kept);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        return kept;
    }

    private static Path temporaryCopy(Path file, EnvironmentSecrets secrets) {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(
                    directory,
                    "." + file.getFileName() + ".",
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            byte[] bytes = JSON.writeValueAsBytes(new Contents(FORMAT, secrets.secrets()));
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return temporary;
        } catch (IOException e) {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
            throw new UncheckedIOException("cannot write the rehearsal's secrets next to " + file, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A stray temporary file is harmless: it is mode 0600 and named after the file.
        }
    }
}
