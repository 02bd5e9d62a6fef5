package org.vigilvms.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.jms.envelope.EnrolmentProof;

class NodeKeyTest {

    @TempDir
    Path folder;

    @Test
    void printsAnEnrolmentWhoseProofVerifiesAndKeepsThePrivateKeyOwnerOnly() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = NodeKey.run(new String[] {"--producer", "svc-analytics@node-1", "--out", folder.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        JsonObject enrolment = Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8))).readObject();
        assertEquals("svc-analytics@node-1", enrolment.getString("producer"));
        String pem = enrolment.getString("publicKey");
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(
                pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""))));
        assertTrue(EnrolmentProof.verify(key, "svc-analytics@node-1", Base64.getDecoder().decode(enrolment.getString("proof"))));

        Path privateKey = folder.resolve("svc-analytics@node-1.key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
        assertTrue(Files.readString(privateKey).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void neverOverwritesAKeyItMadeBefore() throws Exception {
        String[] args = {"--producer", "svc-recorder@node-2", "--out", folder.toString()};
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, NodeKey.run(args, quiet, quiet));
        String first = Files.readString(folder.resolve("svc-recorder@node-2.key"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, NodeKey.run(args, quiet, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is never overwritten"), err.toString(StandardCharsets.UTF_8));
        assertEquals(first, Files.readString(folder.resolve("svc-recorder@node-2.key")), "the first key is kept");
    }
}
