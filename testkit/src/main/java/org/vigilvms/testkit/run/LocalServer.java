package org.vigilvms.testkit.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.vigilvms.setup.RecorderNodeSetup;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.tools.ClientTls;

/**
 * The provisioned WildFly started as its own process on an installation folder, with the EAR
 * in its deployments: how the run command starts the VMS and how the crash test starts, kills
 * and restarts it. A port offset lets a second server run beside the test container; a second
 * node of the same installation runs from a server base directory of its own (its spool, keys
 * and broker journal) with its node name and roles as system properties.
 */
public final class LocalServer {

    public static final int HTTPS_PORT = 8443;
    /** The broker's mutual-TLS port before the offset (vigil.jms.tls.port, 50-messaging.cli). */
    public static final int JMS_TLS_PORT = 5445;

    private final Path jbossHome;
    private final VigilHome home;
    private final Path baseDir;
    private final int portOffset;
    private final Map<String, String> properties;
    private Process process;

    private LocalServer(Path jbossHome, VigilHome home, Path baseDir, int portOffset, Map<String, String> properties) {
        this.jbossHome = jbossHome;
        this.home = home;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
        this.properties = properties;
    }

    /** Refreshes the server base directory of {@code home} from {@code jbossHome} and deploys {@code ear}. */
    public static LocalServer prepare(Path jbossHome, VigilHome home, Path ear, int portOffset) {
        return prepareNode(jbossHome, home, home.serverBaseDir(), ear, portOffset, Map.of());
    }

    /**
     * A node of the installation in {@code home} running from {@code baseDir}, with {@code properties}
     * ({@code vigil.node.id}, {@code vigil.role.*}, {@code vigil.management.jms.port}) on its command
     * line. Unless they say otherwise, the node's outboxes are bridged to its own broker: the
     * management node is itself.
     */
    public static LocalServer prepareNode(Path jbossHome, VigilHome home, Path baseDir, Path ear, int portOffset,
            Map<String, String> properties) {
        LocalInstallation.prepareServerBaseDir(jbossHome, baseDir);
        Path deployments = baseDir.resolve("deployments");
        try {
            Files.deleteIfExists(deployments.resolve("vigil.ear.failed"));
            Files.copy(ear, deployments.resolve("vigil.ear"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot deploy " + ear + " to " + deployments, e);
        }
        Map<String, String> all = new TreeMap<>(properties);
        all.putIfAbsent("vigil.management.jms.port", String.valueOf(JMS_TLS_PORT + portOffset));
        return new LocalServer(jbossHome, home, baseDir, portOffset, all);
    }

    /**
     * A node of the installation in {@code home} that runs the recorder role only, named {@code node},
     * from {@code <home>/server-<node>}, with an installation folder of its own ({@link #recorderHome}:
     * the recorder's database role and broker accounts, its own server certificate, no key or
     * password of the management node's): it seals and stores what it records itself, in the
     * installation's storage folder, and its outboxes are bridged to the broker of the management
     * node on this machine, whose ports are moved by {@code managementOffset}.
     */
    public static LocalServer prepareRecorderNode(Path jbossHome, VigilHome home, Path ear, String node, int portOffset,
            int managementOffset) {
        VigilHome nodeHome = RecorderNodeSetup.ensure(home, recorderHome(home, node), node, List.of(), home.storageDir());
        return prepareNode(jbossHome, nodeHome, recorderBaseDir(home, node), ear, portOffset, Map.of("vigil.node.id", node,
                "vigil.role.management", "false", "vigil.role.analytics", "false",
                "vigil.management.jms.port", String.valueOf(JMS_TLS_PORT + managementOffset)));
    }

    /** The installation folder of the recorder node {@code node} of the installation in {@code home}. */
    public static VigilHome recorderHome(VigilHome home, String node) {
        return new VigilHome(home.root().resolve("node-" + node));
    }

    /** The server base directory of the recorder node {@code node} of the installation in {@code home}. */
    public static Path recorderBaseDir(VigilHome home, String node) {
        return home.root().resolve("server-" + node);
    }

    /**
     * Leaves the first administrator's password, bcrypt-hashed, for the server to take at its
     * first start (so the launcher can show it once and the server never logs it).
     */
    public static void bootstrapAdmin(VigilHome home, String password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            Files.createDirectories(home.bootstrapDir());
            Files.writeString(home.bootstrapDir().resolve("admin.bcrypt"),
                    OpenBSDBCrypt.generate("2a", password.toCharArray(), salt, 12));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrator bootstrap file", e);
        }
    }

    public String baseUrl() {
        return "https://localhost:" + (HTTPS_PORT + portOffset);
    }

    public Path serverLog() {
        return baseDir.resolve("log/server.log");
    }

    public Path consoleLog() {
        return baseDir.resolve("log/console.log");
    }

    /**
     * Blocks until the server has ended, the start script and its JVM both (a script ended by a
     * signal leaves its JVM to finish stopping); the script's exit status.
     */
    public int waitFor() throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        int status = process.waitFor();
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot watch the server JVM " + p.pid(), e);
            }
        }
        return status;
    }

    /** The start script and its descendants (the server JVM) while they run, for what they cost. */
    public List<ProcessHandle> processes() {
        if (process == null) {
            return List.of();
        }
        List<ProcessHandle> all = new ArrayList<>(List.of(process.toHandle()));
        all.addAll(process.descendants().toList());
        return all;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public void start() {
        try {
            Files.createDirectories(consoleLog().getParent());
            List<String> command = new ArrayList<>(List.of("bash", jbossHome.resolve("bin/standalone.sh").toString(),
                    "-c", "standalone-full.xml",
                    "-Djboss.server.base.dir=" + baseDir,
                    "-Djboss.socket.binding.port-offset=" + portOffset));
            properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
            command.add("--properties=" + home.serverProperties());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog().toFile()));
            // the JVM in the script's foreground: the script ends with the JVM's own status. In the background
            // mode (LAUNCH_JBOSS_IN_BACKGROUND) the script loops on "wait" while that answers 128 or more, and
            // bash 5.2 may answer the saved 137 of a JVM killed by SIGKILL again and again: the script never
            // ended, and a dead WildFly went unnoticed (stop() and kill() signal the JVM itself, not the script)
            builder.environment().remove("LAUNCH_JBOSS_IN_BACKGROUND");
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start WildFly from " + jbossHome + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the EAR is deployed and reports healthy; fails early when the server or the deployment dies. */
    public void awaitHealthy(Duration timeout) {
        awaitHealth(timeout, true);
    }

    /**
     * Waits until the EAR is deployed and answers on its health endpoint, healthy or not (a node
     * whose keys wait for approval reports its broker down until they are approved).
     */
    public void awaitDeployed(Duration timeout) {
        awaitHealth(timeout, false);
    }

    private void awaitHealth(Duration timeout, boolean healthy) {
        HttpClient client = ClientTls.httpClient(home);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/health"))
                .timeout(Duration.ofSeconds(5)).build();
        Path failed = baseDir.resolve("deployments/vigil.ear.failed");
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (Instant.now().isBefore(deadline)) {
            if (!isAlive()) {
                throw new IllegalStateException("WildFly stopped during start-up; see " + serverLog());
            }
            if (Files.exists(failed)) {
                throw new IllegalStateException("the EAR failed to deploy: " + read(failed) + "\nsee " + serverLog());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || !healthy && response.statusCode() == 503) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server");
            }
            sleep(500);
        }
        throw new IllegalStateException("the server did not become " + (healthy ? "healthy" : "deployed") + " within "
                + timeout.toSeconds() + " s (last: " + last + ")");
    }

    /** SIGKILL to the server JVM, as a power cut or an OOM killer would: no shutdown hooks, no flush. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            for (ProcessHandle p : process.descendants().toList()) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server survived SIGKILL", e);
        }
    }

    /**
     * SIGSTOP to the server JVM: it stops where it is, holding its connections open, as a node cut
     * off by a network partition or stalled by a long pause seems to the others.
     */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}: the JVM goes on from where it stopped, unaware of the time that passed. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        for (ProcessHandle jvm : process.descendants().toList()) {
            try {
                int status = new ProcessBuilder("kill", "-" + signal, Long.toString(jvm.pid())).inheritIO().start().waitFor();
                if (status != 0) {
                    throw new IllegalStateException("kill -" + signal + " " + jvm.pid() + " ended with " + status);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot send SIG" + signal + " to " + jvm.pid(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending SIG" + signal);
            }
        }
    }

    /** Graceful stop: SIGTERM to the JVM (WildFly shuts down cleanly), then to the start script. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            for (ProcessHandle p : tree) {
                p.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly(); // the start script has nothing left to wait for
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
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
}
