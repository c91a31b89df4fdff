package io.drplatform.dr.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust store the rehearsal's JVMs use in place of the container image's CA certificates: it holds only the
 * rehearsal's certificate, as the image trusts the authority that issues RDS's and ElastiCache's. It changes what
 * the JVM trusts, never what the task's environment says. Programs of other runtimes get the same certificate as a
 * PEM bundle through the variables their TLS libraries read for their CA bundle ({@link #environment}).
 */
final class RehearsalTrust {
    static final String STORE = "truststore.p12";
    static final String PASSWORD = "truststore-password";
    /** The rehearsal's certificate alone, in PEM: the CA bundle of a program that is not a JVM. */
    static final String BUNDLE = "ca-certificates.pem";

    private RehearsalTrust() {}

    static void create(LocalState state, io.drplatform.dr.rehearsal.edge.TlsCertificate tls)
            throws IOException, InterruptedException {
        String password = java.util.UUID.randomUUID().toString();
        Path store = tls.trustStore(password);
        Files.move(store, state.privateDirectory().resolve(STORE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(state.privateDirectory().resolve(PASSWORD), password);
        Files.copy(
                tls.certificate(),
                state.privateDirectory().resolve(BUNDLE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * The image's CA bundle for programs that are not JVMs, by the variables their TLS libraries read: OpenSSL (and
     * so redis-cli, Python's ssl, curl), Node.js (added to its built-in authorities), Python requests, and libpq
     * ({@code psql}, psycopg), which verifies the server's certificate even under {@code sslmode=require} once it
     * has a root certificate. In AWS libpq verifies RDS only when the image bundles the RDS CA and points
     * {@code PGSSLROOTCERT} at it; the rehearsal verifies always, so it is stricter, never looser.
     */
    static Map<String, String> environment(LocalState state) {
        String bundle = state.privateDirectory().resolve(BUNDLE).toString();
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : List.of("SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "REQUESTS_CA_BUNDLE", "PGSSLROOTCERT")) {
            environment.put(variable, bundle);
        }
        return environment;
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
