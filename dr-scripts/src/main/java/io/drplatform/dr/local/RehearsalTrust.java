package io.drplatform.dr.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The trust store the rehearsal's JVMs use in place of the container image's CA certificates: it holds only the
 * rehearsal's certificate, as the image trusts the authority that issues RDS's and ElastiCache's. It changes what
 * the JVM trusts, never what the task's environment says.
 */
final class RehearsalTrust {
    static final String STORE = "truststore.p12";
    static final String PASSWORD = "truststore-password";

    private RehearsalTrust() {}

    static void create(LocalState state, io.drplatform.dr.rehearsal.edge.TlsCertificate tls)
            throws IOException, InterruptedException {
        String password = java.util.UUID.randomUUID().toString();
        Path store = tls.trustStore(password);
        Files.move(store, state.privateDirectory().resolve(STORE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(state.privateDirectory().resolve(PASSWORD), password);
    }

    static List<String> jvmOptions(LocalState state) {
        try {
            return List.of(
                    "-Djavax.net.ssl.trustStore=" + state.privateDirectory().resolve(STORE),
                    "-Djavax.net.ssl.trustStoreType=PKCS12",
                    "-Djavax.net.ssl.trustStorePassword="
                            + Files.readString(state.privateDirectory().resolve(PASSWORD)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
