package org.vigilvms.evidence;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes an export: the ZIP of manifest, signature and files, encrypted to a password when one is given. */
public final class ExportPackage {

    private ExportPackage() {
    }

    /**
     * @param files the export's files by their name inside the export (those the manifest lists)
     * @param password null for a clear ZIP
     */
    public static void write(Path target, byte[] manifest, byte[] signature, Map<String, Path> files, char[] password)
            throws IOException {
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16)) {
            OutputStream content = password == null ? nonClosing(file) : ExportEnvelope.encrypting(file, password);
            try (ZipOutputStream zip = new ZipOutputStream(content)) { // closing it finishes the envelope once
                zip.setLevel(0); // video does not compress; ordinary ZIP tools still open it
                put(zip, ExportManifest.MANIFEST, manifest);
                put(zip, ExportManifest.SIGNATURE, signature);
                for (Map.Entry<String, Path> entry : files.entrySet()) {
                    zip.putNextEntry(new ZipEntry(entry.getKey()));
                    Files.copy(entry.getValue(), zip);
                    zip.closeEntry();
                }
            }
        }
    }

    /** The lower-case hex SHA-256 of a file. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = ChainLink.sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return ChainLink.hex(digest.digest());
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush(); // the outer try closes the file itself
            }
        };
    }
}
