package io.drplatform.dr.rehearsal.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * An OpenID Connect issuer shaped like a Cognito user pool, on loopback: {@code <issuer>/.well-known/openid-configuration}
 * and {@code <issuer>/.well-known/jwks.json} with the one RSA key of its key directory, where {@code <issuer>} is
 * {@code http://<address>:<port>/<pool id>}. At start it writes its issuer URL to {@value #ISSUER_URI_FILE} in the
 * key directory, so a {@link TokenMinter} in another process signs tokens with the right {@code iss}.
 */
public final class LocalIssuer implements AutoCloseable {
    public static final String DEFAULT_POOL_ID = "us-east-1_Local1";
    public static final String DEFAULT_CLIENT_ID = "local-client";
    public static final String ISSUER_URI_FILE = "issuer-uri";
    private static final String USAGE =
            "LocalIssuer --address ADDRESS --port PORT --key-directory DIR [--pool-id ID] (port 0: any free port)";

    private final HttpServer server;
    private final String issuerUri;
    private final TokenMinter minter;

    private LocalIssuer(HttpServer server, String issuerUri, TokenMinter minter) {
        this.server = server;
        this.issuerUri = issuerUri;
        this.minter = minter;
    }

    /** Runs an issuer until the process is stopped (SIGTERM); the key pair is made if the directory has none. */
    public static void main(String[] args) throws Exception {
        Flags flags = Flags.parse(args, Set.of("--address", "--port", "--key-directory", "--pool-id"), USAGE);
        LocalIssuer issuer = start(
                flags.required("--address"),
                Integer.parseInt(flags.required("--port")),
                Path.of(flags.required("--key-directory")),
                flags.optional("--pool-id", DEFAULT_POOL_ID));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            issuer.close();
                            stopped.countDown();
                        },
                        "local-issuer-stop"));
        System.out.println("local issuer " + issuer.issuerUri() + " (key " + issuer.minter.keyId() + ")");
        stopped.await();
    }

    public static LocalIssuer start(String address, int port, Path keyDirectory) throws IOException {
        return start(address, port, keyDirectory, DEFAULT_POOL_ID);
    }

    /**
     * @param port         0 for any free port ({@link #issuerUri()} names the one taken)
     * @param keyDirectory where the key pair is, or is made ({@link IssuerKeys})
     */
    public static LocalIssuer start(String address, int port, Path keyDirectory, String poolId) throws IOException {
        IssuerKeys keys = IssuerKeys.createIfAbsent(keyDirectory);
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 0);
        String issuerUri = "http://" + address + ":" + server.getAddress().getPort() + "/" + poolId;
        ObjectMapper json = new ObjectMapper();
        byte[] configuration = json.writeValueAsBytes(configuration(issuerUri));
        byte[] jwks = json.writeValueAsBytes(Map.of("keys", List.of(keys.publicJwk())));
        server.createContext("/" + poolId + "/.well-known/openid-configuration", ex -> json(ex, configuration));
        server.createContext("/" + poolId + "/.well-known/jwks.json", ex -> json(ex, jwks));
        server.start();
        Path draft = Files.createTempFile(keyDirectory, ".issuer-uri", ".tmp");
        Files.writeString(draft, issuerUri + "\n");
        Files.move(draft, keyDirectory.resolve(ISSUER_URI_FILE), StandardCopyOption.REPLACE_EXISTING);
        return new LocalIssuer(server, issuerUri, TokenMinter.of(keyDirectory, issuerUri));
    }

    /** The URL the issuer running on this key directory serves under, as it wrote it at start. */
    public static String readIssuerUri(Path keyDirectory) throws IOException {
        return Files.readString(keyDirectory.resolve(ISSUER_URI_FILE)).trim();
    }

    private static Map<String, Object> configuration(String issuerUri) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuerUri);
        document.put("jwks_uri", issuerUri + "/.well-known/jwks.json");
        document.put("authorization_endpoint", issuerUri + "/oauth2/authorize");
        document.put("token_endpoint", issuerUri + "/oauth2/token");
        document.put("response_types_supported", List.of("code", "token"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }

    public String issuerUri() {
        return issuerUri;
    }

    public String jwksUri() {
        return issuerUri + "/.well-known/jwks.json";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public TokenMinter minter() {
        return minter;
    }

    /** An access token for a signed-in user of {@value #DEFAULT_CLIENT_ID}, valid for an hour. */
    public String accessToken(String subject) {
        return minter.accessToken(subject, DEFAULT_CLIENT_ID, "openid email", Duration.ofHours(1));
    }

    private static void json(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
