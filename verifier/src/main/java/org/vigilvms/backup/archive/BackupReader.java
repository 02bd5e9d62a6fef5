package org.vigilvms.backup.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.vigilvms.evidence.ExportEnvelope;

/**
 * Opens a backup into a work folder and checks it completely before anyone uses it: the password,
 * the manifest's signature by a key of the expected installation's CA, and every entry against
 * the manifest (none missing, none added, none changed).
 */
public final class BackupReader {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(/[A-Za-z0-9_.-]+)*");

    private BackupReader() {
    }

    /** A checked backup: its manifest and the folder its entries were unpacked into. */
    public record VerifiedBackup(BackupManifest manifest, Path dir, X509Certificate signer) {

        public Path entry(String name) {
            return dir.resolve(name);
        }
    }

    /**
     * @param expectedCa the CA certificate of the installation the backup must come from
     * @param workDir    an empty folder, readable by the owner only, for the unpacked entries
     */
    public static VerifiedBackup open(InputStream in, char[] password, X509Certificate expectedCa, Path workDir)
            throws BackupRefusedException, IOException {
        InputStream clear;
        try {
            clear = ExportEnvelope.decrypting(in, password);
        } catch (ExportEnvelope.WrongPasswordException e) {
            throw new BackupRefusedException(BackupRefusedException.Reason.WRONG_PASSWORD,
                    "the password does not open this backup (or it is not a Vigil backup)", e);
        }
        Map<String, String> hashes = new HashMap<>();
        Map<String, Long> sizes = new HashMap<>();
        byte[] manifestJson = null;
        byte[] signature = null;
        try (ZipInputStream zip = new ZipInputStream(clear)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (BackupManifest.MANIFEST.equals(name)) {
                    manifestJson = zip.readAllBytes();
                } else if (BackupManifest.SIGNATURE.equals(name)) {
                    signature = zip.readAllBytes();
                } else {
                    checkName(name);
                    if (hashes.containsKey(name)) {
                        throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED, "entry " + name + " appears twice");
                    }
                    Path target = workDir.resolve(name);
                    Files.createDirectories(target.getParent());
                    MessageDigest digest = BackupWriter.sha256();
                    long bytes;
                    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
                        bytes = zip.transferTo(out);
                    }
                    hashes.put(name, HexFormat.of().formatHex(digest.digest()));
                    sizes.put(name, bytes);
                }
            }
            // the ZIP's central directory is left unread: read the envelope to its end, so that its
            // last block is checked (closing it early would end the cipher in the middle)
            clear.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new BackupRefusedException(BackupRefusedException.Reason.DAMAGED,
                    "the backup cannot be read to its end (" + e.getMessage() + "): it is damaged or was altered", e);
        } catch (IllegalArgumentException e) {
            throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED, e.getMessage(), e);
        }
        if (manifestJson == null || signature == null) {
            throw new BackupRefusedException(BackupRefusedException.Reason.DAMAGED,
                    "the backup has no " + (manifestJson == null ? "manifest" : "signature") + ": it is incomplete");
        }
        X509Certificate signer = BackupSignature.verify(manifestJson, signature, expectedCa);
        BackupManifest manifest;
        try {
            manifest = BackupManifest.fromJson(manifestJson);
        } catch (IllegalArgumentException e) {
            throw new BackupRefusedException(BackupRefusedException.Reason.DAMAGED, e.getMessage(), e);
        }
        if (!manifest.installationCa().equals(BackupSignature.fingerprint(expectedCa))) {
            throw new BackupRefusedException(BackupRefusedException.Reason.OTHER_INSTALLATION,
                    "the backup names another installation's CA (SHA-256 " + manifest.installationCa() + ")");
        }
        for (BackupManifest.Entry listed : manifest.entries()) {
            String found = hashes.remove(listed.name());
            if (found == null) {
                throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED,
                        "entry " + listed.name() + " is listed in the signed manifest but missing: the backup was altered");
            }
            if (!found.equals(listed.sha256()) || sizes.get(listed.name()) != listed.bytes()) {
                throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED, "entry " + listed.name()
                        + " differs from the signed manifest (" + sizes.get(listed.name()) + " bytes, " + listed.bytes()
                        + " signed): the backup was altered");
            }
        }
        if (!hashes.isEmpty()) {
            throw new BackupRefusedException(BackupRefusedException.Reason.ALTERED,
                    "entries not in the signed manifest: " + hashes.keySet() + ": the backup was altered");
        }
        return new VerifiedBackup(manifest, workDir, signer);
    }

    /** Entry names are relative paths of plain characters: nothing can be unpacked outside the work folder. */
    static void checkName(String name) {
        if (!NAME.matcher(name).matches() || name.contains("..")) {
            throw new IllegalArgumentException("entry name not allowed in a backup: " + name);
        }
    }

}
