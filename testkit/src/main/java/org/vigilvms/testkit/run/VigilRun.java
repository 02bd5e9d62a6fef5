package org.vigilvms.testkit.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.camera.WsDiscoveryResponder;
import org.vigilvms.testkit.net.ClientTls;

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
            stop(server.process);
            installation.close();
            if (server.cameras != null) {
                server.cameras.close();
            }
        }, "vigil-stop"));
        say("Database: " + installation.databaseUrl());

        String adminPassword = null;
        try {
            LocalInstallation.prepareServerBaseDir(jbossHome, home.serverBaseDir());
            Path deployments = home.serverBaseDir().resolve("deployments");
            Files.createDirectories(deployments);
            Files.deleteIfExists(deployments.resolve("vigil.ear.failed"));
            Files.copy(ear, deployments.resolve("vigil.ear"), StandardCopyOption.REPLACE_EXISTING);
            if (installation.firstRun()) {
                adminPassword = Passwords.generateTypeable();
                writeAdminBootstrap(home, adminPassword);
            }
        } catch (IOException | RuntimeException e) {
            fail("cannot prepare the server: " + e.getMessage());
        }

        server.process = startServer(jbossHome, home);
        server.cameras = startDemoCameras(installation.secrets());
        awaitHealthy(home, server.process);

        if (adminPassword != null && server.cameras != null) {
            registerDemoCameras(home, adminPassword, server.cameras);
        }
        X509Certificate ca = ClientTls.caCertificate(home);
        say("");
        say("Vigil VMS is running.");
        say("  Console:   https://localhost:8443/");
        say("  Health:    https://localhost:8443/api/v1/health");
        say("  TLS:       certificates are issued by this installation's own CA; import it into your browser:");
        say("             " + home.caCertificatePem() + "  (SHA-256 " + fingerprint(ca) + ")");
        if (adminPassword != null) {
            say("  Log in as: admin / " + adminPassword);
            say("             shown this once: it is not stored anywhere in clear. Change it at first login.");
        } else {
            say("  Log in as: admin, with the password printed at the first start (or another account).");
        }
        say("  Server log: " + home.serverBaseDir().resolve("log/server.log"));
        if (server.cameras != null) {
            say("  Demo cameras (user admin, password " + server.cameras.camera(0).config().password()
                    + "; registered in the VMS at the first start, recorded from then on):");
            for (VirtualCamera camera : server.cameras.cameras()) {
                say("             " + camera.rtspUrl() + "   " + camera.rtspsUrl() + "   " + camera.onvifDeviceUrl());
            }
        }
        say("Press Ctrl-C to stop the server and the database.");
        try {
            int exit = server.process.waitFor();
            say("WildFly exited with status " + exit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeAdminBootstrap(VigilHome home, String password) throws IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String hash = OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 12);
        Files.createDirectories(home.bootstrapDir());
        Path file = home.bootstrapDir().resolve("admin.bcrypt");
        Files.writeString(file, hash);
    }

    private static Process startServer(Path jbossHome, VigilHome home) {
        Path log = home.serverBaseDir().resolve("log");
        try {
            Files.createDirectories(log);
            ProcessBuilder builder = new ProcessBuilder(List.of("bash", jbossHome.resolve("bin/standalone.sh").toString(),
                    "-c", "standalone-full.xml",
                    "-Djboss.server.base.dir=" + home.serverBaseDir(),
                    "--properties=" + home.serverProperties()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.resolve("console.log").toFile());
            builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
            say("Starting WildFly (console output: " + log.resolve("console.log") + ") ...");
            return builder.start();
        } catch (IOException e) {
            fail("cannot start WildFly from " + jbossHome + ": " + e.getMessage());
            return null;
        }
    }

    private static void awaitHealthy(VigilHome home, Process server) {
        HttpClient client = ClientTls.httpClient(home);
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:8443/api/v1/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Path failed = home.serverBaseDir().resolve("deployments/vigil.ear.failed");
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!server.isAlive()) {
                fail("WildFly stopped during start-up (exit " + server.exitValue() + "); see "
                        + home.serverBaseDir().resolve("log/server.log"));
            }
            if (Files.exists(failed)) {
                fail("the EAR failed to deploy: " + readQuietly(failed) + "\nsee " + home.serverBaseDir().resolve("log/server.log"));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            sleep(1000);
        }
        fail("the server did not become healthy within " + STARTUP_TIMEOUT.toMinutes() + " min (last: " + last + ")");
    }

    /** What the run started; read by the shutdown hook. */
    private static final class ServerHolder {
        private volatile Process process;
        private volatile VirtualCameraFleet cameras;
    }

    /**
     * At the first start, registers the demo cameras through the REST API as the new
     * administrator would, so a newcomer sees them recorded at once.
     */
    private static void registerDemoCameras(VigilHome home, String adminPassword, VirtualCameraFleet cameras) {
        try {
            HttpClient client = HttpClient.newBuilder().sslContext(ClientTls.trustingInstallation(home))
                    .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NORMAL).build();
            String base = "https://localhost:8443";
            client.send(HttpRequest.newBuilder(URI.create(base + "/index.xhtml")).build(), HttpResponse.BodyHandlers.discarding());
            client.send(HttpRequest.newBuilder(URI.create(base + "/j_security_check"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("j_username=admin&j_password=" + adminPassword)).build(),
                    HttpResponse.BodyHandlers.discarding());
            for (VirtualCamera camera : cameras.cameras()) {
                String json = "{\"name\":\"Demo camera " + camera.config().id() + "\",\"site\":\"demo\",\"streamUrl\":\""
                        + camera.rtspUrl() + "\",\"username\":\"admin\",\"password\":\"" + camera.config().password() + "\"}";
                HttpResponse<String> added = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/cameras"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (added.statusCode() != 201) {
                    say("Demo camera " + camera.config().id() + " not registered: HTTP " + added.statusCode() + " " + added.body());
                }
            }
        } catch (IOException e) {
            say("Demo cameras not registered: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
            return VirtualCameraFleet.start(count, new CameraConfig(1, 640, 360, 15, 1_000_000, 30, "admin",
                    secrets.getOrGenerate("demo-cameras"), 8554, 8654, 18080, 18443), WsDiscoveryResponder.DEFAULT_PORT);
        } catch (RuntimeException e) {
            say("Demo cameras not started: " + e.getMessage());
            return null;
        }
    }

    /** Graceful stop: SIGTERM to the JVM (WildFly shuts down cleanly), then to the start script. */
    private static void stop(Process server) {
        if (server == null || !server.isAlive()) {
            return;
        }
        say("Stopping WildFly ...");
        List<ProcessHandle> tree = server.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        server.destroy();
        try {
            for (ProcessHandle p : tree) {
                p.onExit().get(30, TimeUnit.SECONDS); // WildFly's graceful shutdown
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            if (!server.waitFor(5, TimeUnit.SECONDS)) {
                server.destroyForcibly(); // the start script has nothing left to wait for
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
