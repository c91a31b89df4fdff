package io.drplatform.dr.rehearsal.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A self-signed certificate and its key for the servers' IP addresses, made with {@code openssl req -x509}. It is
 * its own CA: nothing outside the rehearsal trusts it, as nothing outside AWS would trust a stand-in for RDS's or
 * ElastiCache's certificate authority.
 */
public record TlsCertificate(Path certificate, Path key) {

    public static TlsCertificate create(Path directory, List<String> ipAddresses)
            throws IOException, InterruptedException {
        Path certificate = directory.resolve("server.crt");
        Path key = directory.resolve("server.key");
        String names = ipAddresses.stream().map(a -> "IP:" + a).collect(Collectors.joining(","));
        EdgeCommand.run(
                List.of(
                        "openssl",
                        "req",
                        "-x509",
                        "-newkey",
                        "rsa:2048",
                        "-nodes",
                        "-days",
                        "2",
                        "-subj",
                        "/CN=local stand-in",
                        "-addext",
                        "subjectAltName=" + names,
                        "-keyout",
                        key.toString(),
                        "-out",
                        certificate.toString()),
                Duration.ofSeconds(60));
        return new TlsCertificate(certificate, key);
    }

    /**
     * A trust store holding only this certificate, for the JVMs that connect to the stand-ins: it takes the place of
     * the container image's CA certificates, which trust the public authority that issues ElastiCache's (and, with the
     * RDS bundle, RDS's) certificates. It changes what the JVM trusts, not what the task's environment says.
     */
    public Path trustStore(String password) throws IOException, InterruptedException {
        Path store = certificate.resolveSibling("truststore.p12");
        EdgeCommand.run(
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "stand-in",
                        "-file",
                        certificate.toString(),
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        "PKCS12",
                        "-storepass",
                        password),
                Duration.ofSeconds(60));
        return store;
    }
}
