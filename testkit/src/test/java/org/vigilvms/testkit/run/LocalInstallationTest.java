package org.vigilvms.testkit.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.setup.VigilHome;

class LocalInstallationTest {

    @TempDir
    Path dir;

    @Test
    void anUnreachableExternalDatabaseFailsFastNamingTheUrlAndLeavesNothingBehind() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/vigil";
        VigilHome home = new VigilHome(dir.resolve("home"));
        long started = System.nanoTime();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalInstallation.open(home,
                new LocalInstallation.ExternalDatabase(url, "vigil", "secret"), 0));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains("refused"), "names the cause: " + e.getMessage());
        assertTrue((System.nanoTime() - started) / 1_000_000 < 15_000, "fails fast");
        assertFalse(Files.exists(home.serverProperties()), "no half-made installation");
    }
}
