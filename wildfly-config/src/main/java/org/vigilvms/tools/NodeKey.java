package org.vigilvms.tools;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.vigilvms.jms.envelope.EnrolmentProof;
import org.vigilvms.jms.envelope.EnvelopeSigner;

/**
 * {@code vigil-node-key}: makes the signing key of a service on another node (e.g.
 * {@code svc-analytics@node-1}) and prints what an administrator enrols for it on the management
 * server ({@code POST /api/v1/node-keys}, or the devices page): the producer name, the public key
 * in PEM and the proof that this node holds the private half. The private key is written next to
 * the node's other secrets, readable by its owner only, and never leaves the node. Exit status 0:
 * written; 2: not (an existing key is never overwritten).
 */
public final class NodeKey {

    private NodeKey() {
    }

    static final String USAGE = "usage: vigil-node-key --producer <service>@<node> --out <folder for the private key>";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The tool without System.exit, for tests: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 4 || !args[0].equals("--producer") || !args[2].equals("--out")) {
            err.println(USAGE);
            return 2;
        }
        String producer = args[1];
        Path privateKey = Path.of(args[3]).resolve(producer + ".key");
        try {
            KeyPair keys = KeyPairGenerator.getInstance(EnvelopeSigner.ALGORITHM).generateKeyPair();
            String pem = PemText.of("PRIVATE KEY", keys.getPrivate().getEncoded());
            Files.createDirectories(privateKey.getParent());
            Files.writeString(Files.createFile(privateKey, ownerOnly()), pem, StandardCharsets.US_ASCII);
            out.println(enrolment(producer, keys));
            err.println("private key written to " + privateKey + "; enrol the line above on the management server");
            return 0;
        } catch (FileAlreadyExistsException e) {
            err.println(privateKey + " exists: a node key is never overwritten (revoke the old one, then remove it by hand)");
            return 2;
        } catch (IOException | GeneralSecurityException e) {
            err.println("cannot make the node key: " + e.getMessage());
            return 2;
        }
    }

    /** The enrolment request for {@code keys} as {@code producer}: producer, publicKey (PEM), proof (Base64). */
    public static JsonObject enrolment(String producer, KeyPair keys) {
        return Json.createObjectBuilder().add("producer", producer)
                .add("publicKey", PemText.of("PUBLIC KEY", keys.getPublic().getEncoded()))
                .add("proof", Base64.getEncoder().encodeToString(EnrolmentProof.sign(keys.getPrivate(), producer))).build();
    }

    private static FileAttribute<?>[] ownerOnly() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }
}
