package org.vigilvms.backup.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.backup.archive.BackupRefusedException.Reason;
import org.vigilvms.evidence.ExportEnvelope;
import org.vigilvms.evidence.TestPki;

/** A backup opens only with its password, only for its installation's CA, and only as it was signed. */
class BackupArchiveTest {

    private static final char[] PASSWORD = "correct horse battery".toCharArray();
    private static X509Certificate ca;
    private static KeyPair signerKeys;
    private static X509Certificate signer;
    private static X509Certificate otherCa;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        KeyPair caKeys = TestPki.keys();
        ca = TestPki.certificate("CN=Vigil CA site-a", caKeys, "CN=Vigil CA site-a", caKeys, true, null);
        signerKeys = TestPki.keys();
        signer = TestPki.certificate("CN=Vigil signing site-a", signerKeys, "CN=Vigil CA site-a", caKeys, false, null);
        KeyPair otherKeys = TestPki.keys();
        otherCa = TestPki.certificate("CN=Vigil CA site-b", otherKeys, "CN=Vigil CA site-b", otherKeys, true, null);
    }

    @Test
    void aBackupOpensWithItsPasswordForItsInstallationAndGivesBackWhatWasWritten() throws Exception {
        BackupReader.VerifiedBackup backup = open(backup(), PASSWORD, ca);
        assertEquals("V24", backup.manifest().schemaVersion());
        assertEquals(BackupSignature.fingerprint(ca), backup.manifest().installationCa());
        assertEquals(List.of("home/secrets/master.key", "database/001-camera.jsonl"),
                backup.manifest().entries().stream().map(BackupManifest.Entry::name).toList());
        assertArrayEquals(masterKey(), Files.readAllBytes(backup.entry("home/secrets/master.key")));
        assertEquals("{\"id\":1}\n{\"id\":2}\n", Files.readString(backup.entry("database/001-camera.jsonl")));
        assertEquals(List.of(new BackupManifest.Table("camera", "database/001-camera.jsonl", 2)), backup.manifest().tables());
        assertEquals("CN=Vigil signing site-a", backup.signer().getSubjectX500Principal().getName());
    }

    @Test
    void aLargeBackupWithManyEntriesOpensWholeAlsoWhenItsEntriesWereFlushed() throws Exception {
        Path big = dir.resolve("big.bin");
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(bytes);
        Files.write(big, bytes);
        Path file = dir.resolve("big.vigil-backup");
        try (OutputStream out = Files.newOutputStream(file)) {
            BackupWriter writer = BackupWriter.open(out, PASSWORD);
            try (OutputStream entry = writer.entry("home/secrets/big.bin")) {
                entry.write(bytes, 0, 1000);
                entry.flush(); // as a JSON writer or a buffered writer does when it closes
                entry.write(bytes, 1000, bytes.length - 1000);
                entry.flush();
            }
            for (int i = 0; i < 80; i++) { // a central directory larger than the ZIP reader's buffer
                try (OutputStream entry = writer.entry(String.format("database/%03d-table.jsonl", i))) {
                    entry.write(("{\"id\":" + i + "}\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            writer.finish("admin", "V24", "/var/lib/vigil", List.of(), List.of(), signerKeys.getPrivate(), List.of(signer, ca), ca);
        }
        BackupReader.VerifiedBackup backup;
        try (InputStream in = Files.newInputStream(file)) {
            backup = BackupReader.open(in, PASSWORD, ca, Files.createTempDirectory(dir, "open"));
        }
        assertArrayEquals(bytes, Files.readAllBytes(backup.entry("home/secrets/big.bin")));
        assertEquals("{\"id\":79}\n", Files.readString(backup.entry("database/079-table.jsonl")));
    }

    @Test
    void aWrongPasswordIsRefusedAsSuch() throws Exception {
        BackupRefusedException refused = assertThrows(BackupRefusedException.class,
                () -> open(backup(), "correct horse battery!".toCharArray(), ca));
        assertEquals(Reason.WRONG_PASSWORD, refused.reason());
        assertEquals("the password does not open this backup (or it is not a Vigil backup)", refused.getMessage());
    }

    @Test
    void aBackupOfAnotherInstallationIsRefusedNamingTheCaItCameFrom() throws Exception {
        BackupRefusedException refused = assertThrows(BackupRefusedException.class, () -> open(backup(), PASSWORD, otherCa));
        assertEquals(Reason.OTHER_INSTALLATION, refused.reason());
        assertTrue(refused.getMessage().startsWith("the backup was made by another installation: signed by "
                + "'CN=Vigil signing site-a' of CA 'CN=Vigil CA site-a', not issued by the expected CA 'CN=Vigil CA site-b'"),
                refused.getMessage());
    }

    @Test
    void aChangedEntryIsRefusedByName() throws Exception {
        byte[] altered = repack(backup(), "database/001-camera.jsonl",
                bytes -> "{\"id\":1}\n{\"id\":3}\n".getBytes(StandardCharsets.UTF_8), false);
        BackupRefusedException refused = assertThrows(BackupRefusedException.class, () -> open(altered, PASSWORD, ca));
        assertEquals(Reason.ALTERED, refused.reason());
        assertTrue(refused.getMessage().startsWith("entry database/001-camera.jsonl differs from the signed manifest"),
                refused.getMessage());
    }

    @Test
    void aRemovedOrAddedEntryIsRefused() throws Exception {
        BackupRefusedException removed = assertThrows(BackupRefusedException.class,
                () -> open(repack(backup(), "home/secrets/master.key", null, false), PASSWORD, ca));
        assertEquals(Reason.ALTERED, removed.reason());
        assertTrue(removed.getMessage().startsWith("entry home/secrets/master.key is listed in the signed manifest but missing"),
                removed.getMessage());
        BackupRefusedException added = assertThrows(BackupRefusedException.class,
                () -> open(repack(backup(), "home/secrets/master.key", bytes -> bytes, true), PASSWORD, ca));
        assertEquals(Reason.ALTERED, added.reason());
        assertEquals("entries not in the signed manifest: [home/secrets/extra.key]: the backup was altered", added.getMessage());
    }

    @Test
    void anEditedManifestNoLongerMatchesItsSignature() throws Exception {
        byte[] altered = repack(backup(), BackupManifest.MANIFEST,
                bytes -> new String(bytes, StandardCharsets.UTF_8).replace("V24", "V99").getBytes(StandardCharsets.UTF_8), false);
        BackupRefusedException refused = assertThrows(BackupRefusedException.class, () -> open(altered, PASSWORD, ca));
        assertEquals(Reason.ALTERED, refused.reason());
        assertTrue(refused.getMessage().startsWith("the backup's manifest does not match its signature"), refused.getMessage());
    }

    @Test
    void aTruncatedBackupIsRefusedAsDamaged() throws Exception {
        byte[] whole = backup();
        BackupRefusedException refused = assertThrows(BackupRefusedException.class,
                () -> open(Arrays.copyOf(whole, whole.length - 200), PASSWORD, ca));
        assertEquals(Reason.DAMAGED, refused.reason());
        assertTrue(refused.getMessage().endsWith("it is damaged or was altered"), refused.getMessage());
    }

    @Test
    void aShortPasswordOrAnEntryOutsideTheBackupIsNotWritten() throws Exception {
        IllegalArgumentException shortPassword = assertThrows(IllegalArgumentException.class,
                () -> BackupWriter.open(new ByteArrayOutputStream(), "short-pw".toCharArray()));
        assertEquals("the backup password needs at least 12 characters", shortPassword.getMessage());
        BackupWriter writer = BackupWriter.open(new ByteArrayOutputStream(), PASSWORD);
        IllegalArgumentException escape = assertThrows(IllegalArgumentException.class, () -> writer.entry("home/../../etc/passwd"));
        assertEquals("entry name not allowed in a backup: home/../../etc/passwd", escape.getMessage());
    }

    // --- helpers ---

    private static byte[] masterKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return key;
    }

    private byte[] backup() throws Exception {
        Path key = dir.resolve("master.key");
        Files.write(key, masterKey());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupWriter writer = BackupWriter.open(out, PASSWORD);
        writer.addFile("home/secrets/master.key", key);
        try (OutputStream rows = writer.entry("database/001-camera.jsonl")) {
            rows.write("{\"id\":1}\n{\"id\":2}\n".getBytes(StandardCharsets.UTF_8));
        }
        writer.finish("admin", "V24", "/var/lib/vigil", List.of(new BackupManifest.Table("camera", "database/001-camera.jsonl", 2)),
                List.of("/var/lib/vigil/storage"), signerKeys.getPrivate(), List.of(signer, ca), ca);
        return out.toByteArray();
    }

    private BackupReader.VerifiedBackup open(byte[] backup, char[] password, X509Certificate expectedCa) throws Exception {
        Path work = Files.createTempDirectory(dir, "open");
        return BackupReader.open(new ByteArrayInputStream(backup), password, expectedCa, work);
    }

    /**
     * The backup decrypted, one entry changed ({@code change} null: removed), optionally an entry
     * added, and encrypted again with the same password: what someone holding the password could do.
     */
    private static byte[] repack(byte[] backup, String entry, UnaryOperator<byte[]> change, boolean addOne) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream clear = ExportEnvelope.decrypting(new ByteArrayInputStream(backup), PASSWORD);
             ZipInputStream in = new ZipInputStream(clear);
             ZipOutputStream zip = new ZipOutputStream(ExportEnvelope.encrypting(out, PASSWORD))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    if (change == null) {
                        continue;
                    }
                    bytes = change.apply(bytes);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(bytes);
                zip.closeEntry();
            }
            if (addOne) {
                zip.putNextEntry(new ZipEntry("home/secrets/extra.key"));
                zip.write(masterKey());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
