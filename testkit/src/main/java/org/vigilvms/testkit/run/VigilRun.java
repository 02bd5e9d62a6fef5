package org.vigilvms.testkit.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.camera.WsDiscoveryResponder;
import org.vigilvms.tools.ClientTls;

/**
 * Starts the whole VMS on this machine: the installation folder (secrets generated at first
 * start), the embedded PostgreSQL (or VIGIL_DB_URL), the provisioned WildFly with the EAR, and
 * four demo virtual cameras.
 * Prints the console URL and, at first start only, the one-time administrator password.
 * Ctrl-C stops what it started; the next run keeps the data.
 */
public final class VigilRun {

    static final int DEFAULT_DB_PORT = 54329;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);

    private VigilRun() {
    }

    public static void main(String[] args) {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path jbossHome = repo.resolve("wildfly-config/target/server");
        Path ear = repo.resolve("ear/target/vigil.ear");
        if (!Files.isRegularFile(ear) || !Files.isDirectory(jbossHome)) {
            fail("no build found under " + repo + " (expected " + ear + " and " + jbossHome + "); run ./mvnw package -DskipTests");
        }
        VigilHome home = VigilHome.defaultForUser();
        int dbPort = Integer.parseInt(System.getenv().getOrDefault("VIGIL_DB_PORT", String.valueOf(DEFAULT_DB_PORT)));

        say("Vigil VMS: installation folder " + home.root());
        LocalInstallation installation;
        try {
            installation = LocalInstallation.open(home, LocalInstallation.ExternalDatabase.fromEnvironment(), dbPort);
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        ServerHolder server = new ServerHolder();
        // one hook, in order: the server first, then the database it uses, then the demo cameras
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (server.local != null) {
                say("Stopping WildFly ...");
                server.local.stop();
            }
            installation.close();
            if (server.cameras != null) {
                server.cameras.close();
            }
        }, "vigil-stop"));
        say("Database: " + installation.databaseUrl());

        String adminPassword = null;
        try {
            server.local = LocalServer.prepare(jbossHome, home, ear, 0);
            if (installation.firstRun()) {
                adminPassword = Passwords.generateTypeable();
                LocalServer.bootstrapAdmin(home, adminPassword);
            }
            server.cameras = startDemoCameras(installation.secrets());
            if (adminPassword != null && server.cameras != null) {
                bootstrapDemoCameras(home, server.cameras);
            }
            say("Starting WildFly (console output: " + server.local.consoleLog() + ") ...");
            server.local.start();
            server.local.awaitHealthy(STARTUP_TIMEOUT);
        } catch (RuntimeException e) {
            fail(e.getMessage());
        }

        X509Certificate ca = ClientTls.caCertificate(home);
        say("");
        say("Vigil VMS is running.");
        say("  Console:   " + server.local.baseUrl() + "/");
        say("  Health:    " + server.local.baseUrl() + "/api/v1/health");
        say("  TLS:       certificates are issued by this installation's own CA; import it into your browser:");
        say("             " + home.caCertificatePem() + "  (SHA-256 " + fingerprint(ca) + ")");
        if (adminPassword != null) {
            say("  Log in as: admin / " + adminPassword);
            say("             shown this once: it is not stored anywhere in clear; the console asks you to choose your own");
            say("             password at the first sign-in and allows nothing else before.");
        } else {
            say("  Log in as: admin, with the password printed at the first start (or another account).");
        }
        say("  Server log: " + server.local.serverLog());
        if (server.cameras != null) {
            say("  Demo cameras (user admin, password " + server.cameras.camera(0).config().password()
                    + "; registered in the VMS at the first start, recorded from then on; live: "
                    + server.local.baseUrl() + "/live.xhtml):");
            for (VirtualCamera camera : server.cameras.cameras()) {
                say("             " + camera.rtspUrl() + "   " + camera.rtspsUrl() + "   " + camera.onvifDeviceUrl());
            }
        }
        say("Press Ctrl-C to stop the server and the database.");
        try {
            int exit = server.local.waitFor();
            say("WildFly exited with status " + exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the run started; read by the shutdown hook. */
    private static final class ServerHolder {
        private volatile LocalServer local;
        private volatile VirtualCameraFleet cameras;
    }

    /**
     * At the first start, leaves the demo cameras for the server to import
     * ({@code bootstrap/cameras.json}, owner-only, deleted by the server once read), so a
     * newcomer sees them recorded at once, before anyone has signed in.
     */
    private static void bootstrapDemoCameras(VigilHome home, VirtualCameraFleet cameras) {
        jakarta.json.JsonArrayBuilder list = jakarta.json.Json.createArrayBuilder();
        for (VirtualCamera camera : cameras.cameras()) {
            list.add(jakarta.json.Json.createObjectBuilder().add("name", "Demo camera " + camera.config().id())
                    .add("site", "demo").add("streamUrl", camera.rtspUrl()).add("acceptInsecureTransport", true).add("username", "admin")
                    .add("password", camera.config().password()));
        }
        try {
            java.nio.file.Files.createDirectories(home.bootstrapDir());
            Path file = home.bootstrapDir().resolve("cameras.json");
            java.nio.file.Files.writeString(file, list.build().toString());
            java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            say("Demo cameras not registered: " + e.getMessage());
        }
    }

    /**
     * Four live virtual cameras (VIGIL_DEMO_CAMERAS sets how many; 0 for none). Their password is
     * generated once per installation and kept in its credential store, so the registered
     * cameras keep working across runs.
     */
    private static VirtualCameraFleet startDemoCameras(org.vigilvms.setup.SecretStore secrets) {
        int count = Integer.parseInt(System.getenv().getOrDefault("VIGIL_DEMO_CAMERAS", "4"));
        if (count <= 0) {
            return null;
        }
        try {
            VirtualCameraFleet fleet = VirtualCameraFleet.start(count, new CameraConfig(1, 640, 360, 15, 1_000_000, 30, "admin",
                    secrets.getOrGenerate("demo-cameras"), 8554, 8654, 18080, 18443), WsDiscoveryResponder.DEFAULT_PORT);
            fleet.camera(0).sendAudio(true); // the first one has a microphone (AAC)
            if (count > 1) {
                fleet.camera(1).sendAudio(org.vigilvms.testkit.camera.VirtualCamera.Microphone.G711); // the second one G.711, re-encoded when recorded
            }
            return fleet;
        } catch (RuntimeException e) {
            say("Demo cameras not started: " + e.getMessage());
            return null;
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            return "?";
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void fail(String message) {
        System.err.println("vigil: " + message);
        System.exit(1);
    }
}
