package org.vigilvms.testkit.it;

import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.run.LocalInstallation;

/**
 * Prepares, before any test class runs (and so before Arquillian starts the container), a fresh
 * installation in {@code target/it-home}, its embedded PostgreSQL and the server base directory
 * {@code target/it-server}; stops the database when the test run ends. Active only where the
 * build sets {@code vigil.it=true} (the failsafe run of the ear module).
 */
public class VigilTestEnvironment implements LauncherSessionListener {

    private static LocalInstallation installation;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Boolean.getBoolean("vigil.it") || installation != null) {
            return;
        }
        Path dir = Path.of(System.getProperty("vigil.it.dir", "target"));
        Path jbossHome = Path.of(System.getProperty("jboss.home"));
        Path homeDir = dir.resolve("it-home");
        Path serverDir = dir.resolve("it-server");
        LocalInstallation.deleteTree(homeDir);
        LocalInstallation.deleteTree(serverDir);
        installation = LocalInstallation.open(new VigilHome(homeDir), null, 0);
        LocalInstallation.prepareServerBaseDir(jbossHome, serverDir);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (installation != null) {
            installation.close();
            installation = null;
        }
    }

    /** The installation the server under test runs on. */
    public static LocalInstallation installation() {
        if (installation == null) {
            throw new IllegalStateException("no test installation: run through failsafe with -Dvigil.it=true");
        }
        return installation;
    }
}
