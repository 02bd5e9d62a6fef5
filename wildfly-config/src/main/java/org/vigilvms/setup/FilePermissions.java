package org.vigilvms.setup;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets are readable by the owner only, where the file system knows owners. */
final class FilePermissions {

    private FilePermissions() {
    }

    static void ownerOnly(Path path) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (IOException e) {
            throw new SetupException("cannot restrict permissions of " + path + ": " + e.getMessage(), e);
        }
    }
}
