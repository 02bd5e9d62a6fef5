package org.vigilvms.platform;

import java.nio.file.Path;

/**
 * Where this server keeps things: {@code home} is the installation folder ({@code vigil.home}),
 * {@code serverData} the server's private data (signing keys), {@code storage} the default media
 * storage volume.
 */
public record InstallationPaths(Path home, Path serverData, Path storage) {

    /** Finished evidence export packages, and the work folders of running ones. */
    public Path exportsDir() {
        return serverData.resolve("exports");
    }

    public Path bootstrapDir() {
        return home.resolve("bootstrap");
    }
}
