package io.drplatform.dr.rehearsal.edge;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local issuer's signing key: an RSA key pair kept as PEM files in a directory, so that the issuer (run
 * detached), whoever mints tokens and the services that trust the public key ({@code public-key-location}) all read
 * the same key. The key id is the key's JWK thumbprint, so every process names it alike without sharing state.
 */
public record IssuerKeys(RSAPublicKey publicKey, RSAPrivateKey privateKey, String keyId) {
    /** PKCS#8, readable by the owner only. */
    public static final String PRIVATE_KEY_FILE = "issuer-private.pem";
    /** X.509 SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}), as Spring's {@code public-key-location} reads it. */
    public static final String PUBLIC_KEY_FILE = "issuer-public.pem";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    public static Path privateKeyFile(Path directory) {
        return directory.resolve(PRIVATE_KEY_FILE);
    }

    public static Path publicKeyFile(Path directory) {
        return directory.resolve(PUBLIC_KEY_FILE);
    }

    /** The directory's key pair, made (2048-bit RSA) if the directory has none yet. */
    public static IssuerKeys createIfAbsent(Path directory) throws IOException {
        if (!Files.exists(privateKeyFile(directory))) {
            create(directory);
        }
        return load(directory);
    }

    /** A new key pair in the directory, replacing any there. */
    public static IssuerKeys create(Path directory) throws IOException {
        Files.createDirectories(directory);
        KeyPairGenerator generator;
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no RSA", e);
        }
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        // The private key is written under another name and moved, so no reader sees a half-written or open file.
        Path privateDraft = Files.createTempFile(directory, ".issuer-private", ".pem");
        Files.setPosixFilePermissions(privateDraft, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(privateDraft, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.move(privateDraft, privateKeyFile(directory), StandardCopyOption.REPLACE_EXISTING);
        Path publicDraft = Files.createTempFile(directory, ".issuer-public", ".pem");
        Files.setPosixFilePermissions(publicDraft, PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(publicDraft, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.move(publicDraft, publicKeyFile(directory), StandardCopyOption.REPLACE_EXISTING);
        return load(directory);
    }

    public static IssuerKeys load(Path directory) throws IOException {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateKey privateKey = (RSAPrivateKey)
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(der(privateKeyFile(directory), "PRIVATE KEY")));
            RSAPublicKey publicKey = (RSAPublicKey)
                    rsa.generatePublic(new X509EncodedKeySpec(der(publicKeyFile(directory), "PUBLIC KEY")));
            return new IssuerKeys(publicKey, privateKey, thumbprint(publicKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("the issuer key in " + directory + " is not an RSA key pair", e);
        }
    }

    /** The public key as a JWK ({@code kty}, {@code kid}, {@code use}, {@code alg}, {@code n}, {@code e}). */
    public Map<String, String> publicJwk() {
        Map<String, String> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("kid", keyId);
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("n", unsigned(publicKey.getModulus()));
        jwk.put("e", unsigned(publicKey.getPublicExponent()));
        return jwk;
    }

    /** RFC 7638: SHA-256 of the required members in lexical order, without whitespace. */
    private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
        String members = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(key.getModulus()) + "\"}";
        return URL.encodeToString(
                MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A JWK's base64url big-endian integer: no sign byte. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return URL.encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) throws IOException {
        String text = Files.readString(file);
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(file + " holds no " + type + " in PEM");
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }
}
