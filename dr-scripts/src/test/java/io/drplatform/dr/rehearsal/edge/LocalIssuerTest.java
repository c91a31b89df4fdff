package io.drplatform.dr.rehearsal.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issuer as a resource server meets it: the discovery document leads to the JWKS, and the key found there (by
 * the token's {@code kid}) verifies the minted token's RS256 signature.
 */
class LocalIssuerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path keys;

    @Test
    void aMintedTokenVerifiesWithTheKeyTheDiscoveryDocumentLeadsTo() throws Exception {
        try (LocalIssuer issuer = LocalIssuer.start("127.0.0.1", 0, keys)) {
            JsonNode discovery = fetch(URI.create(issuer.issuerUri() + "/.well-known/openid-configuration"));
            assertThat(discovery.path("issuer").asText()).isEqualTo(issuer.issuerUri());
            String token = issuer.accessToken("user-1");

            JsonNode claims = verified(token, discovery);

            assertThat(claims.path("iss").asText()).isEqualTo(issuer.issuerUri());
            assertThat(claims.path("sub").asText()).isEqualTo("user-1");
            assertThat(claims.path("token_use").asText()).isEqualTo("access");
            assertThat(claims.path("client_id").asText()).isEqualTo(LocalIssuer.DEFAULT_CLIENT_ID);
            assertThat(claims.path("scope").asText()).isEqualTo("openid email");
            assertThat(claims.path("exp").asLong())
                    .isBetween(
                            Instant.now().plusSeconds(3500).getEpochSecond(),
                            Instant.now().plusSeconds(3601).getEpochSecond());
        }
    }

    @Test
    void aTokenWithAnAlteredClaimDoesNotVerify() throws Exception {
        try (LocalIssuer issuer = LocalIssuer.start("127.0.0.1", 0, keys)) {
            JsonNode discovery = fetch(URI.create(issuer.issuerUri() + "/.well-known/openid-configuration"));
            String[] parts = issuer.accessToken("user-1").split("\\.");
            String forged = parts[0] + "."
                    + base64(new String(decode(parts[1]), StandardCharsets.UTF_8).replace("user-1", "admin")) + "."
                    + parts[2];

            assertThat(signatureValid(forged, discovery)).isFalse();
        }
    }

    @Test
    void theKeyIsKeptAsPemFilesTheOwnerAloneCanReadThePrivateOneOf() throws Exception {
        try (LocalIssuer issuer = LocalIssuer.start("127.0.0.1", 0, keys)) {
            assertThat(Files.getPosixFilePermissions(IssuerKeys.privateKeyFile(keys)))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(IssuerKeys.publicKeyFile(keys))).startsWith("-----BEGIN PUBLIC KEY-----");
            assertThat(LocalIssuer.readIssuerUri(keys)).isEqualTo(issuer.issuerUri());
        }
    }

    @Test
    void anIssuerRunDetachedServesTheKeyAnotherProcessMintsWith() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalIssuer.class.getName(),
                "--address",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--key-directory",
                keys.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(keys.resolveSibling(keys.getFileName() + ".log").toFile())
                .start();
        try {
            Path uriFile = keys.resolve(LocalIssuer.ISSUER_URI_FILE);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!Files.exists(uriFile) && process.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(uriFile).as("written by the issuer at start").exists();

            TokenMinter minter = TokenMinter.forRunningIssuer(keys);
            assertThat(minter.issuerUri()).isEqualTo("http://127.0.0.1:" + port + "/" + LocalIssuer.DEFAULT_POOL_ID);
            String token = minter.accessToken("dr-heartbeat", "dr", "openid", Duration.ofMinutes(5));
            JsonNode discovery = fetch(URI.create(minter.issuerUri() + "/.well-known/openid-configuration"));

            assertThat(verified(token, discovery).path("client_id").asText()).isEqualTo("dr");
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static JsonNode verified(String token, JsonNode discovery) throws Exception {
        assertThat(signatureValid(token, discovery))
                .as("RS256 signature with the JWKS key")
                .isTrue();
        return JSON.readTree(decode(token.split("\\.")[1]));
    }

    private static boolean signatureValid(String token, JsonNode discovery) throws Exception {
        String[] parts = token.split("\\.");
        JsonNode header = JSON.readTree(decode(parts[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        JsonNode jwks = fetch(URI.create(discovery.path("jwks_uri").asText()));
        JsonNode key = null;
        for (JsonNode candidate : jwks.path("keys")) {
            if (candidate.path("kid").asText().equals(header.path("kid").asText())) {
                key = candidate;
            }
        }
        assertThat(key)
                .as("the JWKS has the token's kid %s: %s", header.path("kid"), jwks)
                .isNotNull();
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, decode(key.path("n").asText())),
                        new BigInteger(1, decode(key.path("e").asText()))));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return rsa.verify(decode(parts[2]));
    }

    private static JsonNode fetch(URI uri) throws Exception {
        HttpResponse<String> response =
                HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static byte[] decode(String base64Url) {
        return Base64.getUrlDecoder().decode(base64Url);
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
