package org.nrmplatform.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's Ed25519 checkpoint-signing key. It is kept outside the event store, in a PEM file holding
 * the private key (PKCS#8, {@code PRIVATE KEY}) and the public key (X.509 SubjectPublicKeyInfo,
 * {@code PUBLIC KEY}); the public key alone, as PEM, is what verifiers are given. Its id is the first 16 hex
 * digits of the SHA-256 of the public key's DER encoding.
 *
 * @param privateKey null where only the public key is known (a verifier)
 */
public record SigningKey(PrivateKey privateKey, PublicKey publicKey) {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    public String keyId() {
        return keyId(publicKey);
    }

    public static String keyId(PublicKey key) {
        return EventHash.sha256(key.getEncoded()).substring(0, 16);
    }

    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Checkpoint.ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JVM", e);
        }
    }

    /** Reads a key file: both PEM blocks, or only a {@code PUBLIC KEY} for verifying. */
    public static SigningKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    public static SigningKey parse(String pem) {
        PrivateKey privateKey = null;
        PublicKey publicKey = null;
        Matcher blocks = PEM.matcher(pem);
        try {
            KeyFactory factory = KeyFactory.getInstance(Checkpoint.ALGORITHM);
            while (blocks.find()) {
                byte[] der = Base64.getMimeDecoder().decode(blocks.group(2));
                switch (blocks.group(1)) {
                    case "PRIVATE KEY" -> privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der));
                    case "PUBLIC KEY" -> publicKey = factory.generatePublic(new X509EncodedKeySpec(der));
                    default -> {
                        // another block (a certificate, a comment): not ours
                    }
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 key in PEM: " + e.getMessage(), e);
        }
        if (publicKey == null) {
            throw new IllegalArgumentException("no -----BEGIN PUBLIC KEY----- block with an Ed25519 key");
        }
        return new SigningKey(privateKey, publicKey);
    }

    /** Writes both keys to a new file readable by its owner only (where the file system has permissions). */
    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path written = Files.writeString(file, pem("PRIVATE KEY", privateKey.getEncoded()) + publicKeyPem(),
                StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own access rules apply
        }
    }

    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
