package org.vigilvms.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.vigilvms.logging.VigilLog;

/**
 * The master key in an owner-only file ({@code vigil.master.key.file}); a rotation writes the
 * new key to {@code <file>.next} (synced) and moves it over the old file once it committed.
 */
final class MasterKeyFiles implements MasterKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Path nextFile;

    MasterKeyFiles(Path file) {
        this.file = file;
        this.nextFile = file.resolveSibling(file.getFileName() + ".next");
    }

    @Override
    public KeyVault vault() {
        try {
            return new KeyVault(Files.readAllBytes(file), Files.exists(nextFile) ? Files.readAllBytes(nextFile) : null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the master key " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SecretKey next() {
        try {
            if (Files.exists(nextFile)) {
                return new SecretKeySpec(Files.readAllBytes(nextFile), "AES");
            }
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            FileAttribute<?>[] ownerOnly = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            try (FileChannel channel = FileChannel.open(nextFile, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    ownerOnly)) {
                channel.write(ByteBuffer.wrap(key));
                channel.force(true);
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the new master key " + nextFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void finish(SecretKey next) {
        try {
            Files.move(nextFile, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            VigilLog.LOG.masterKeyFileNotReplaced(nextFile.toString(), e.getMessage());
        }
    }
}
