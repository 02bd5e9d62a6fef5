package org.vigilvms.backup.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.vigilvms.evidence.ExportEnvelope;

/**
 * Writes a backup: a ZIP inside a password envelope ({@link ExportEnvelope}, PBKDF2 and AES-256),
 * whose entries are hashed as they are written and listed in a manifest signed last.
 */
public final class BackupWriter {

    /** A backup password shorter than this is refused: the file holds every key of the installation. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    private final OutputStream envelope;
    private final ZipOutputStream zip;
    private final List<BackupManifest.Entry> entries = new ArrayList<>();
    private boolean open;

    private BackupWriter(OutputStream envelope) {
        this.envelope = envelope;
        this.zip = new ZipOutputStream(envelope);
    }

    /** Starts a backup written, encrypted, to {@code out}; the caller closes {@code out} after {@link #finish}. */
    public static BackupWriter open(OutputStream out, char[] password) throws IOException {
        requireStrong(password);
        return new BackupWriter(ExportEnvelope.encrypting(new NonClosing(out), password));
    }

    /** Refuses a password that is too short to protect the installation's keys. */
    public static void requireStrong(char[] password) {
        if (password == null || password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the backup password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    /** Adds a file's bytes as entry {@code name}. */
    public void addFile(String name, Path file) throws IOException {
        try (OutputStream out = entry(name)) {
            Files.copy(file, out);
        }
    }

    /** The stream of a new entry; closing it ends the entry (not the backup). */
    public OutputStream entry(String name) throws IOException {
        if (open) {
            throw new IllegalStateException("the previous entry is still open");
        }
        BackupReader.checkName(name);
        zip.putNextEntry(new ZipEntry(name));
        open = true;
        MessageDigest digest = sha256();
        return new FilterOutputStream(zip) {
            private long bytes;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                zip.write(b);
                digest.update((byte) b);
                bytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                zip.write(b, off, len);
                digest.update(b, off, len);
                bytes += len;
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    zip.closeEntry();
                    open = false;
                    entries.add(new BackupManifest.Entry(name, HexFormat.of().formatHex(digest.digest()), bytes));
                }
            }
        };
    }

    /**
     * Writes the manifest and its signature and closes the envelope.
     *
     * @param chain the signing certificate first; {@code ca} is the installation's CA that issued it
     */
    public BackupManifest finish(String createdBy, String schemaVersion, String home, List<BackupManifest.Table> tables,
                                 List<String> volumes, PrivateKey key, List<X509Certificate> chain, X509Certificate ca)
            throws IOException {
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, Instant.now(), createdBy,
                BackupSignature.fingerprint(ca), schemaVersion, home, entries, tables, volumes);
        byte[] json = manifest.toJson();
        zip.putNextEntry(new ZipEntry(BackupManifest.MANIFEST));
        zip.write(json);
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(BackupManifest.SIGNATURE));
        zip.write(BackupSignature.sign(json, key, chain));
        zip.closeEntry();
        zip.finish();
        envelope.close();
        return manifest;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lets the envelope finish without closing the caller's stream (an HTTP response, a file). */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
