package org.vigilvms.testkit.run;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.vigilvms.backup.archive.BackupRefusedException;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.SecretStore;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCamera;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.camera.WsDiscoveryResponder;
import org.vigilvms.tools.ClientTls;
import sun.misc.Signal;

/**
 * Starts the whole VMS on this machine: the installation folder (secrets generated at first
 * start), the embedded PostgreSQL (or VIGIL_DB_URL), the provisioned WildFly with the EAR, and
 * four demo virtual cameras; with {@code --nodes 2}, a second WildFly node beside it that records
 * only, started once the first is up, whose keys an administrator approves before it gets cameras.
 * Prints the console URL and, at first start only, the one-time administrator password.
 *
 * <p>Ctrl-C stops WildFly first and the database after it (the server seals what it recorded
 * last while it stops), then the demo cameras; the next run keeps the data. For that order the
 * command runs the VMS as a child process in a session of its own ({@code setsid}): the
 * terminal's Ctrl-C reaches only this process, which asks the child to stop (SIGTERM), and the
 * child stops its parts one after the other instead of all of them catching the signal at once.
 * A WildFly that exits on its own is reported at once with the end of its log, and the command
 * exits with status 1.
 */
public final class VigilRun {

    static final int DEFAULT_DB_PORT = 54329;
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);
    private static final String SUPERVISED = "--supervised";
    private static final int LOG_TAIL_LINES = 25;
    /** How far each further node's ports are moved beyond the management node's. */
    public static final int NODE_PORT_STEP = 100;
    /** The most nodes the command starts: the management node (every role) and one recorder node. */
    static final int MOST_NODES = 2;
    private static final Pattern KEY_AWAITS_APPROVAL = Pattern.compile("VIGIL00427: Signing key of producer (\\S+) \\((SHA256:[0-9a-f]+)\\)");

    private VigilRun() {
    }

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            usage();
            return;
        }
        if (!arguments.contains(SUPERVISED) && Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            System.exit(superviseChild(arguments));
        }
        run(arguments.stream().filter(a -> !a.equals(SUPERVISED)).toList());
    }

    /** The installation from a backup (checked whole before anything is written); its volumes are copied by the operator. */
    private static LocalInstallation restore(VigilHome home, int dbPort, Path backup, Path caPem) {
        String password = System.getenv("VIGIL_BACKUP_PASSWORD");
        if (password == null && System.console() != null) {
            char[] typed = System.console().readPassword("backup password: ");
            password = typed == null ? null : new String(typed);
        }
        if (password == null) {
            fail("no backup password: set VIGIL_BACKUP_PASSWORD or run in a terminal");
        }
        say("Restoring " + backup + " into " + home.root() + " ...");
        try (InputStream in = Files.newInputStream(caPem)) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            LocalInstallation installation = LocalInstallation.restore(home, LocalInstallation.ExternalDatabase.fromEnvironment(),
                    dbPort, backup, password.toCharArray(), ca);
            say("Restored; copy the storage volumes' files into " + home.storageDir() + " (and other volumes to their paths).");
            return installation;
        } catch (BackupRefusedException e) {
            throw new IllegalStateException("restore refused: " + e.getMessage(), e);
        } catch (IOException | CertificateException e) {
            throw new IllegalStateException("cannot restore: " + e.getMessage(), e);
        }
    }

    private static void usage() {
        say("Usage: java -cp \"testkit/target/vigil-testkit.jar:testkit/target/lib/*\" org.vigilvms.testkit.run.VigilRun [OPTIONS] [REPOSITORY]");
        say("");
        say("Starts the whole Vigil VMS on this machine from the build in REPOSITORY (default: the current folder):");
        say("the installation folder, the embedded PostgreSQL, WildFly with the EAR and demo virtual cameras.");
        say("Ctrl-C stops WildFly, then the database, then the cameras. The next run keeps the data.");
        say("");
        say("Options:");
        say("  -h, --help               this text");
        say("  --nodes N                N WildFly nodes of one installation on this machine (1 or " + MOST_NODES + "; default 1):");
        say("                           vigil-1 runs every role; vigil-2 records only, its ports " + NODE_PORT_STEP + " higher,");
        say("                           and gets cameras once an administrator has approved its keys");
        say("  --restore FILE --ca PEM  first restore the backup FILE into an empty installation folder, checked against");
        say("                           PEM (the tls/ca.pem of the installation it comes from); password: VIGIL_BACKUP_PASSWORD");
        say("Environment:");
        say("  VIGIL_HOME               installation folder (default ~/.local/share/vigil)");
        say("  VIGIL_DB_PORT            port of the embedded PostgreSQL (default " + DEFAULT_DB_PORT + ")");
        say("  VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD   an external PostgreSQL instead of the embedded one");
        say("  VIGIL_DEMO_CAMERAS       how many demo cameras (default 4; 0 for none)");
        say("  VIGIL_PORT_OFFSET        added to WildFly's ports (default 0: HTTPS on " + LocalServer.HTTPS_PORT + ")");
        say("  VIGIL_NODES              as --nodes");
        say("Details of the database's start (initdb, PostgreSQL's own messages) go to <VIGIL_HOME>/launcher.log.");
    }

    /**
     * Runs the VMS as a child in a session of its own and waits for it. On Ctrl-C (or SIGTERM)
     * this JVM's shutdown hook asks the child to stop and waits until it has. Returns the child's
     * exit status.
     */
    private static int superviseChild(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/setsid",
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()),
                "-cp", System.getProperty("java.class.path"), VigilRun.class.getName(), SUPERVISED));
        command.addAll(arguments);
        Process child;
        try {
            child = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            fail("cannot start the VMS process: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy(); // SIGTERM: the child stops WildFly, then the database, then the cameras
                try {
                    if (!child.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                        System.err.println("vigil: the VMS did not stop within " + STOP_TIMEOUT.toMinutes() + " minutes; killing it");
                        child.descendants().forEach(ProcessHandle::destroyForcibly);
                        child.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "vigil-supervisor"));
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static void run(List<String> arguments) {
        String repoArgument = ".";
        Path restoreFrom = null;
        Path restoreCa = null;
        String nodesArgument = System.getenv().getOrDefault("VIGIL_NODES", "1");
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--nodes") && i + 1 < arguments.size()) {
                nodesArgument = arguments.get(++i);
            } else if ((argument.equals("--restore") || argument.equals("--ca")) && i + 1 < arguments.size()) {
                Path value = Path.of(arguments.get(++i));
                if (argument.equals("--restore")) {
                    restoreFrom = value;
                } else {
                    restoreCa = value;
                }
            } else if (argument.startsWith("--")) {
                fail("unknown option or missing value: " + argument + " (--help lists the options)");
            } else {
                repoArgument = argument;
            }
        }
        if ((restoreFrom == null) != (restoreCa == null)) {
            fail("--restore needs --ca (the tls/ca.pem of the installation the backup comes from), and --ca needs --restore");
        }
        int nodes = nodeCount(nodesArgument);
        Path repo = Path.of(repoArgument).toAbsolutePath().normalize();
        Path jbossHome = repo.resolve("wildfly-config/target/server");
        Path ear = repo.resolve("ear/target/vigil.ear");
        if (!Files.isRegularFile(ear) || !Files.isDirectory(jbossHome)) {
            fail("no build found under " + repo + " (expected " + ear + " and " + jbossHome + "); run ./mvnw package -DskipTests");
        }
        VigilHome home = VigilHome.defaultForUser();
        sendLibraryLogsTo(home.root().resolve("launcher.log"));
        int dbPort = Integer.parseInt(System.getenv().getOrDefault("VIGIL_DB_PORT", String.valueOf(DEFAULT_DB_PORT)));
        int portOffset = Integer.parseInt(System.getenv().getOrDefault("VIGIL_PORT_OFFSET", "0"));

        say("Vigil VMS: installation folder " + home.root());
        LocalInstallation installation;
        try {
            installation = restoreFrom == null
                    ? LocalInstallation.open(home, LocalInstallation.ExternalDatabase.fromEnvironment(), dbPort)
                    : restore(home, dbPort, restoreFrom, restoreCa);
        } catch (RuntimeException e) {
            fail(e.getMessage());
            return;
        }
        Parts parts = new Parts(installation);
        // Ctrl-C in the parent arrives here as SIGTERM (or SIGINT when run without the parent):
        // stop in order, then exit; the hook does the same if the JVM ends another way
        for (String signal : List.of("TERM", "INT")) {
            Signal.handle(new Signal(signal), s -> {
                parts.stopInOrder();
                System.exit(0);
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(parts::stopInOrder, "vigil-stop"));
        say("Database: " + installation.databaseUrl());

        String adminPassword = null;
        try {
            parts.server = LocalServer.prepare(jbossHome, home, ear, portOffset);
            if (installation.firstRun()) {
                adminPassword = Passwords.generateTypeable();
                LocalServer.bootstrapAdmin(home, adminPassword);
            }
            parts.cameras = startDemoCameras(installation.secrets());
            if (adminPassword != null && parts.cameras != null) {
                bootstrapDemoCameras(home, parts.cameras);
            }
            say("Starting WildFly (console output: " + parts.server.consoleLog() + ") ...");
            parts.server.start();
            parts.server.awaitHealthy(STARTUP_TIMEOUT);
            // after the management node: the first node to start enrols its keys without an approval
            for (int n = 2; n <= nodes; n++) {
                LocalServer recorder = LocalServer.prepareRecorderNode(jbossHome, home, ear, "vigil-" + n,
                        portOffset + (n - 1) * NODE_PORT_STEP, portOffset);
                parts.recorders.add(recorder);
                parts.logStarts.add(logSize(recorder.serverLog()));
                say("Starting recorder node vigil-" + n + " (console output: " + recorder.consoleLog() + ") ...");
                recorder.start();
                recorder.awaitDeployed(STARTUP_TIMEOUT);
            }
        } catch (RuntimeException e) {
            for (LocalServer node : parts.nodes()) {
                if (!node.isAlive()) {
                    printTail(node.serverLog());
                }
            }
            fail(e.getMessage());
        }
        LocalServer server = parts.server;

        X509Certificate ca = ClientTls.caCertificate(home);
        say("");
        say("Vigil VMS is running.");
        say("  Console:   " + server.baseUrl() + "/");
        say("  Health:    " + server.baseUrl() + "/api/v1/health");
        say("  TLS:       certificates are issued by this installation's own CA; import it into your browser:");
        say("             " + home.caCertificatePem() + "  (SHA-256 " + fingerprint(ca) + ")");
        if (adminPassword != null) {
            say("  Log in as: admin / " + adminPassword);
            say("             shown this once: it is not stored anywhere in clear; the console asks you to choose your own");
            say("             password at the first sign-in and allows nothing else before.");
        } else {
            say("  Log in as: admin, with the password printed at the first start (or another account).");
        }
        say("  Server log: " + server.serverLog());
        if (parts.cameras != null) {
            say("  Demo cameras (user admin, password " + parts.cameras.camera(0).config().password()
                    + "; registered in the VMS at the first start, recorded from then on; live: "
                    + server.baseUrl() + "/live.xhtml):");
            for (VirtualCamera camera : parts.cameras.cameras()) {
                say("             " + camera.rtspUrl() + "   " + camera.rtspsUrl() + "   " + camera.onvifDeviceUrl());
            }
        }
        for (int n = 0; n < parts.recorders.size(); n++) {
            LocalServer recorder = parts.recorders.get(n);
            String name = "vigil-" + (n + 2);
            say("  Node " + name + " (recorder): " + recorder.baseUrl() + "/api/v1/health   log: " + recorder.serverLog());
            Map<String, String> waiting = awaitingApproval(recorder.serverLog(), parts.logStarts.get(n));
            if (waiting.isEmpty()) {
                say("             its keys are approved: it records its share of the cameras");
            } else {
                say("             it records once an administrator approves its keys (console: Devices, key requests):");
                waiting.forEach((producer, fingerprint) -> say("             " + producer + "  " + fingerprint));
            }
            watch(recorder, name, parts);
        }
        say("Press Ctrl-C to stop the server" + (parts.recorders.isEmpty() ? "" : "s") + " and the database.");
        try {
            int exit = server.waitFor();
            if (!parts.stopping()) {
                System.err.println("vigil: WildFly exited on its own (status " + exit + "); the end of " + server.serverLog() + ":");
                printTail(server.serverLog());
                parts.stopInOrder();
                System.exit(1);
            }
            // stopped by a signal: wait until the stop is done, so that no shutdown hook (the embedded
            // database registers one) runs before WildFly is down
            parts.stopInOrder();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * What the run started, stopped once, in order: WildFly (it still writes to the database
     * while it stops), then the database, then the demo cameras.
     */
    private static final class Parts {
        private final LocalInstallation installation;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private volatile LocalServer server;
        /** The recorder nodes, vigil-2 on. */
        private final List<LocalServer> recorders = new CopyOnWriteArrayList<>();
        /** Where each recorder node's server log ended before this start. */
        private final List<Long> logStarts = new CopyOnWriteArrayList<>();
        private volatile VirtualCameraFleet cameras;

        Parts(LocalInstallation installation) {
            this.installation = installation;
        }

        boolean stopping() {
            return stopping.get();
        }

        /** Every WildFly node started, the management node first. */
        List<LocalServer> nodes() {
            List<LocalServer> nodes = new ArrayList<>();
            if (server != null) {
                nodes.add(server);
            }
            nodes.addAll(recorders);
            return nodes;
        }

        synchronized void stopInOrder() {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            // the recorder nodes first: each seals what it recorded last while it stops
            for (int n = 0; n < recorders.size(); n++) {
                if (recorders.get(n).isAlive()) {
                    say("Stopping recorder node vigil-" + (n + 2) + " ...");
                    recorders.get(n).stop();
                }
            }
            if (server != null && server.isAlive()) {
                say("Stopping WildFly ...");
                server.stop();
                say("WildFly stopped.");
            }
            say("Stopping the database ...");
            // PostgreSQL's and pg_ctl's own lines about the stop are copied to launcher.log by
            // daemon threads that a JVM ending right after may not let finish: this one is written now
            LoggerFactory.getLogger(VigilRun.class).info("asking the database to stop");
            installation.close();
            say("Database stopped.");
            if (cameras != null) {
                cameras.close();
            }
        }
    }

    /** {@code --nodes}: how many nodes, 1 to {@link #MOST_NODES}. */
    static int nodeCount(String argument) {
        try {
            int nodes = Integer.parseInt(argument.strip());
            if (nodes >= 1 && nodes <= MOST_NODES) {
                return nodes;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        fail("--nodes (or VIGIL_NODES) is 1 or " + MOST_NODES + ", not '" + argument + "'");
        return 1;
    }

    /**
     * The signing keys a node asked for since its log was {@code from} bytes long, producer to
     * fingerprint, as it logged them (VIGIL00427): what an administrator compares before approving them.
     */
    static Map<String, String> awaitingApproval(Path serverLog, long from) {
        Map<String, String> keys = new TreeMap<>();
        try {
            byte[] log = Files.readAllBytes(serverLog);
            int start = from <= log.length ? (int) from : 0; // shorter than before: rotated at the start, all of it is new
            Matcher line = KEY_AWAITS_APPROVAL.matcher(new String(log, start, log.length - start, StandardCharsets.UTF_8));
            while (line.find()) {
                keys.put(line.group(1), line.group(2));
            }
        } catch (IOException e) {
            say("             (" + serverLog + " cannot be read: " + e.getMessage() + ")");
        }
        return keys;
    }

    /** How long a log file is now; 0 when there is none yet. */
    private static long logSize(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Reports a recorder node that exits on its own, with the end of its log; the others go on (its
     * cameras move to them).
     */
    private static void watch(LocalServer recorder, String name, Parts parts) {
        Thread watcher = new Thread(() -> {
            try {
                int exit = recorder.waitFor();
                if (!parts.stopping()) {
                    System.err.println("vigil: recorder node " + name + " exited on its own (status " + exit
                            + "); its cameras move to the other nodes. The end of " + recorder.serverLog() + ":");
                    printTail(recorder.serverLog());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "vigil-watch-" + name);
        watcher.setDaemon(true);
        watcher.start();
    }

    /** The last lines of a log file, to the error output. */
    private static void printTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()).forEach(l -> System.err.println("  | " + l));
        } catch (IOException e) {
            System.err.println("  (" + log + " cannot be read: " + e.getMessage() + ")");
        }
    }

    /**
     * The libraries' own messages (the embedded PostgreSQL's initdb and server output) go to a
     * file of the installation, not the terminal. Set before the first logger exists.
     */
    private static void sendLibraryLogsTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            return; // the setup reports the folder's problem
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", file.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    }

    /**
     * At the first start, leaves the demo cameras for the server to import
     * ({@code bootstrap/cameras.json}, owner-only, deleted by the server once read), so a
     * newcomer sees them recorded at once, before anyone has signed in.
     */
    private static void bootstrapDemoCameras(VigilHome home, VirtualCameraFleet cameras) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (VirtualCamera camera : cameras.cameras()) {
            list.add(Json.createObjectBuilder().add("name", "Demo camera " + camera.config().id())
                    .add("site", "demo").add("streamUrl", camera.rtspUrl()).add("acceptInsecureTransport", true).add("username", "admin")
                    .add("password", camera.config().password()));
        }
        try {
            Files.createDirectories(home.bootstrapDir());
            Path file = home.bootstrapDir().resolve("cameras.json");
            Files.writeString(file, list.build().toString());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException | UnsupportedOperationException e) {
            say("Demo cameras not registered: " + e.getMessage());
        }
    }

    /**
     * Four live virtual cameras (VIGIL_DEMO_CAMERAS sets how many; 0 for none). Their password is
     * generated once per installation and kept in its credential store, so the registered
     * cameras keep working across runs.
     */
    private static VirtualCameraFleet startDemoCameras(SecretStore secrets) {
        int count = Integer.parseInt(System.getenv().getOrDefault("VIGIL_DEMO_CAMERAS", "4"));
        if (count <= 0) {
            return null;
        }
        try {
            VirtualCameraFleet fleet = VirtualCameraFleet.start(count, new CameraConfig(1, 640, 360, 15, 1_000_000, 30, "admin",
                    secrets.getOrGenerate("demo-cameras"), 8554, 8654, 18080, 18443), WsDiscoveryResponder.DEFAULT_PORT);
            fleet.camera(0).sendAudio(true); // the first one has a microphone (AAC)
            if (count > 1) {
                fleet.camera(1).sendAudio(VirtualCamera.Microphone.G711); // the second one G.711, re-encoded when recorded
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
