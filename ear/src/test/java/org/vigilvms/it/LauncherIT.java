package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.testkit.run.LocalServer;
import org.vigilvms.testkit.run.VigilRun;

/**
 * Issue #21 item 6: the README's run command as a person runs it in a terminal. Ctrl-C (SIGINT
 * to the terminal's whole process group) stops WildFly before the database; a WildFly that dies
 * on its own is reported at once with the end of its log, and the command exits with status 1;
 * the first start prints a short summary, the database's own messages go to a log file. Issue
 * #18 item 8: with {@code --nodes 2} a recorder node starts beside, named with the keys it waits
 * to have approved, and stops before the database.
 * <p>Runs the command's WildFly on a port offset of its own beside the Arquillian container.
 */
class LauncherIT {

    private static final int PORT_OFFSET = 400;
    private static final Duration STARTED = Duration.ofMinutes(4);
    private static final DateTimeFormatter SERVER_LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern POSTGRES_SHUTDOWN = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}) UTC \\[\\d+\\] LOG:  received (fast|smart|immediate) shutdown request");
    /** The launcher's own line, written before it asks the database to stop (VigilRun.Parts.stopInOrder). */
    private static final Pattern LAUNCHER_STOP = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(?:Z|[+-]\\d\\d:\\d\\d)) \\[[^\\]]+\\] INFO "
                    + "org\\.vigilvms\\.testkit\\.run\\.VigilRun - asking the database to stop");
    private static final Pattern PG_CTL_STOP = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(?:Z|[+-]\\d\\d:\\d\\d)) \\[pg_ctl:pid\\(\\d+\\)\\] .* waiting for server to shut down");

    @Test
    void ctrlCStopsWildFlyBeforeTheDatabaseAndAWildFlyThatDiesIsReportedWithItsLog() throws Exception {
        Path dir = Path.of(System.getProperty("vigil.it.dir"));
        VigilHome home = new VigilHome(dir.resolve("launcher-home"));
        LocalInstallation.deleteTree(home.root());
        int dbPort = LocalInstallation.freePort();
        Map<String, String> environment = Map.of("VIGIL_HOME", home.root().toString(), "VIGIL_DB_PORT", String.valueOf(dbPort),
                "VIGIL_DEMO_CAMERAS", "0", "VIGIL_PORT_OFFSET", String.valueOf(PORT_OFFSET));

        // the first start: a short summary on the terminal, the database's own messages in launcher.log
        Path firstOutput = dir.resolve("launcher-first.txt");
        Process first = start(environment, firstOutput);
        try {
            awaitRunning(first, firstOutput);
            List<String> printed = Files.readAllLines(firstOutput);
            List<String> beforeRunning = printed.subList(0, printed.indexOf("Vigil VMS is running."));
            assertTrue(beforeRunning.size() <= 6, "a short start: " + beforeRunning);
            assertTrue(printed.stream().noneMatch(l -> l.contains("EmbeddedPostgres") || l.contains("initdb")),
                    "no database details on the terminal: " + printed);
            assertTrue(Files.readString(home.root().resolve("launcher.log")).contains("EmbeddedPostgres"), "they are in launcher.log");

            // Ctrl-C: SIGINT to the terminal's process group, which the command leads
            assertEquals(0, new ProcessBuilder("kill", "-INT", "--", "-" + first.pid()).start().waitFor());
            assertTrue(first.waitFor(3, TimeUnit.MINUTES), "stopped after Ctrl-C");
        } finally {
            stopAll(first);
        }
        assertEquals(130, first.exitValue(), "the status of a command ended by Ctrl-C");
        String said = Files.readString(firstOutput);
        assertTrue(said.indexOf("WildFly stopped.") > 0 && said.indexOf("WildFly stopped.") < said.indexOf("Stopping the database ..."),
                "WildFly first, then the database: " + said);
        Instant wildFlyStopped = wildFlyStopped(home);
        Instant databaseAsked = databaseShutdownRequested(home, said);
        assertTrue(!databaseAsked.isBefore(wildFlyStopped),
                "PostgreSQL was asked to stop at " + databaseAsked + ", after WildFly stopped at " + wildFlyStopped);
        assertFalse(listening(dbPort), "the database is stopped");

        // the second start, with a recorder node beside (--nodes 2); then the management node's WildFly dies
        // (SIGKILL, as the OOM killer would)
        Path secondOutput = dir.resolve("launcher-second.txt");
        Process second = start(environment, secondOutput, "--nodes", "2");
        int recorderHttps = LocalServer.HTTPS_PORT + PORT_OFFSET + VigilRun.NODE_PORT_STEP;
        try {
            awaitRunning(second, secondOutput);
            List<String> printed = Files.readAllLines(secondOutput);
            assertTrue(printed.contains("  Node vigil-2 (recorder): https://localhost:" + recorderHttps + "/api/v1/health   log: "
                    + LocalServer.recorderBaseDir(home, "vigil-2").resolve("log/server.log")), String.join("\n", printed));
            // the keys it asked for, each with the fingerprint an administrator compares before approving it
            for (String producer : List.of("svc-recorder@vigil-2", "svc-storage@vigil-2")) {
                assertTrue(printed.stream().anyMatch(l -> l.matches(" {13}" + Pattern.quote(producer) + "  SHA256:[0-9a-f]{32}")),
                        producer + " with its fingerprint: " + String.join("\n", printed));
            }
            assertTrue(listening(recorderHttps), "the recorder node is up");
            ProcessHandle wildFly = second.descendants().filter(p -> p.info().commandLine().orElse("").contains("jboss-modules.jar")
                            && !p.info().commandLine().orElse("").contains("server-vigil-2"))
                    .findFirst().orElseThrow(() -> new AssertionError("no WildFly JVM under the command"));
            wildFly.destroyForcibly();
            assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the command ends when WildFly dies");
        } finally {
            stopAll(second);
        }
        assertEquals(1, second.exitValue(), "a failure status");
        String report = Files.readString(secondOutput);
        assertTrue(report.contains("vigil: WildFly exited on its own (status "), report);
        String tail = report.substring(report.indexOf("vigil: WildFly exited on its own"));
        String lastLogged = lastLine(home.serverBaseDir().resolve("log/server.log"));
        assertTrue(tail.contains("  | " + lastLogged), "the end of the server log follows the report: " + tail);
        assertTrue(tail.indexOf("Stopping recorder node vigil-2 ...") > 0
                && tail.indexOf("Stopping recorder node vigil-2 ...") < tail.indexOf("Database stopped."),
                "the recorder node stopped, then the database: " + tail);
        assertFalse(listening(dbPort), "nothing left listening");
        assertFalse(listening(recorderHttps), "nothing left listening");
    }

    /**
     * The run command as the README gives it, in a session of its own as a terminal starts it (and,
     * as in a terminal, with Ctrl-C's signal at its default even where this test JVM was started
     * in the background of a shell, which ignores it for all its children); output to a file.
     */
    private static Process start(Map<String, String> environment, Path output, String... options) throws IOException {
        Path repository = Path.of(System.getProperty("vigil.repository"));
        String classPath = repository.resolve("testkit/target/vigil-testkit.jar") + ":" + repository.resolve("testkit/target/lib/*");
        List<String> command = new ArrayList<>(List.of("setsid", "env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, "org.vigilvms.testkit.run.VigilRun"));
        command.addAll(List.of(options));
        command.add(repository.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Waits until the command has said the VMS is running and printed the whole of what it says
     * then (its last line asks for Ctrl-C): the lines between, a recorder node's keys among them,
     * take it a moment to work out.
     */
    private static void awaitRunning(Process command, Path output) throws InterruptedException {
        VigilDeployment.await("the command says the VMS is running", STARTED, () -> {
            if (!command.isAlive()) {
                throw new AssertionError("the command ended (" + command.exitValue() + "): " + read(output));
            }
            String said = read(output);
            return said.contains("Vigil VMS is running.") && said.contains("Press Ctrl-C to stop the server");
        });
    }

    /** When WildFly said it stopped (its server log; the time of this machine's zone). */
    private static Instant wildFlyStopped(VigilHome home) throws IOException {
        Optional<String> stopped = Files.readAllLines(home.serverBaseDir().resolve("log/server.log")).stream()
                .filter(l -> l.contains("WFLYSRV0050")).reduce((a, b) -> b);
        assertTrue(stopped.isPresent(), "WildFly logged its stop");
        return LocalDateTime.parse(stopped.get().substring(0, 23), SERVER_LOG_TIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * When the database was first asked to stop: PostgreSQL's own "received ... shutdown request"
     * (it logs that for a signal from anywhere), the launcher's pg_ctl stop, or the launcher's own
     * line just before it (launcher.log; the first two may be lost when the JVM ends at once), the
     * earliest; on the terminal too, where a launcher prints them there.
     */
    private static Instant databaseShutdownRequested(VigilHome home, String terminal) throws IOException {
        Path log = home.root().resolve("launcher.log");
        String logged = (Files.exists(log) ? Files.readString(log) : "") + terminal;
        List<Instant> requests = new ArrayList<>();
        Matcher postgres = POSTGRES_SHUTDOWN.matcher(logged);
        while (postgres.find()) {
            requests.add(ZonedDateTime.of(LocalDateTime.parse(postgres.group(1).replace(' ', 'T')), ZoneId.of("UTC")).toInstant());
        }
        for (Pattern stop : List.of(PG_CTL_STOP, LAUNCHER_STOP)) {
            Matcher asked = stop.matcher(logged);
            while (asked.find()) {
                requests.add(OffsetDateTime.parse(asked.group(1)).toInstant());
            }
        }
        assertFalse(requests.isEmpty(), "the database's stop is logged: " + logged);
        return requests.stream().min(Instant::compareTo).orElseThrow();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String lastLine(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.get(lines.size() - 1);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whatever is left of a command whose test failed. */
    private static void stopAll(Process command) {
        command.descendants().forEach(ProcessHandle::destroyForcibly);
        command.destroyForcibly();
    }
}
