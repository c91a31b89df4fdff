package io.drplatform.dr.rehearsal.edge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** TEMPORARY until the edge branch lands. */
public record TlsCertificate(Path certificate, Path key) {

    public static TlsCertificate create(Path directory, List<String> ipAddresses)
            throws IOException, InterruptedException {
        Path certificate = directory.resolve("server.crt");
        Path key = directory.resolve("server.key");
        String names = ipAddresses.stream().map(a -> "IP:" + a).collect(Collectors.joining(","));
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30", "-subj",
                "/CN=rehearsal", "-addext", "subjectAltName=" + names, "-keyout", key.toString(), "-out",
                certificate.toString()));
        return new TlsCertificate(certificate, key);
    }

    public Path trustStore(String password) throws IOException, InterruptedException {
        Path store = certificate.resolveSibling("truststore.p12");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert",
                "-noprompt", "-alias", "stand-in", "-file", certificate.toString(), "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password));
        return store;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(command + ": " + out);
        }
    }
}
