package org.vigilvms.it;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.setup.Passwords;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.setup.VigilRestore;
import org.vigilvms.testkit.camera.CameraConfig;
import org.vigilvms.testkit.camera.VirtualCameraFleet;
import org.vigilvms.testkit.db.EmbeddedDatabase;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.tools.VigilBackup;

/**
 * Benchmark, not a test (testkit/bench/backup.sh runs it): the index of one hour of 16 cameras
 * (16 cameras x 900 segments of 4 s at 4 Mbit/s, one motion event a minute each) beside 16 live
 * 1080p cameras recording; backup time and size, restore time into an empty folder and database,
 * and the server's CPU (WildFly and PostgreSQL) in windows with backups running back to back
 * against windows of the same length without, alternated. Writes target/bench/backup.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BackupBench {

    private static final String PASSWORD = "bench-Pa55word";
    private static final String BACKUP_PASSWORD = "benchmark backup password";
    private final StringBuilder report = new StringBuilder();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("vigil.bench.seconds", 60);
        int rounds = Integer.getInteger("vigil.bench.rounds", 2);
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        Path dir = Path.of(System.getProperty("vigil.it.dir"));
        line("Backup benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        long segments = fillOneHourOfSixteenCameras(admin);
        line(String.format("index of 1 h of 16 cameras: %d segment rows, %d event rows (the video itself, 16 x 1.8 GB, "
                + "stays on the volumes)", segments, VigilDeployment.count("SELECT count(*) FROM analytics_event")));

        CameraConfig hd = new CameraConfig(751, 1920, 1080, 25, 4_000_000, 25, "admin", PASSWORD, 0, -1, -1, -1);
        try (VirtualCameraFleet fleet = VirtualCameraFleet.start(16, hd, -1, 4)) {
            List<Long> live = new ArrayList<>();
            for (var camera : fleet.cameras()) {
                live.add(VigilDeployment.addCamera(admin, "bench live " + camera.config().id(), camera.rtspUrl(), PASSWORD));
            }
            for (long camera : live) {
                VigilDeployment.await("camera " + camera + " recording", Duration.ofSeconds(120),
                        () -> VigilDeployment.count("SELECT count(*) FROM segment WHERE camera_id = ?", camera) >= 2);
            }
            line("16 live cameras 1920x1080, 25 fps, 4 Mbit/s recording; windows of " + seconds + " s, alternated, "
                    + rounds + " of each");
            ProcessHandle wildfly = LiveViewBench.wildfly();
            ProcessHandle postgres = ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                    .contains("it-home/pgdata")).findFirst().orElseThrow();
            List<Long> backupMs = new ArrayList<>();
            long size = 0;
            Path file = dir.resolve("bench.vigil-backup");
            for (int round = 1; round <= rounds; round++) {
                Cpu quiet = Cpu.start(wildfly, postgres);
                long sealedBefore = sealed(live);
                Thread.sleep(seconds * 1000L);
                line(String.format("  without backup: WildFly %.1f %%, PostgreSQL %.1f %% of a core; %d segments sealed",
                        quiet.wildflyPercent(), quiet.postgresPercent(), sealed(live) - sealedBefore));
                Cpu busy = Cpu.start(wildfly, postgres);
                sealedBefore = sealed(live);
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                int taken = 0;
                while (System.nanoTime() < end) {
                    Files.deleteIfExists(file);
                    long start = System.nanoTime();
                    ByteArrayOutputStream printed = new ByteArrayOutputStream();
                    int status = VigilBackup.run(new String[] {"--url", VigilDeployment.BASE, "--home",
                            dir.resolve("it-home").toString(), "--out", file.toString()}, VigilDeployment.adminPassword(),
                            BACKUP_PASSWORD, new PrintStream(printed, true), System.err);
                    if (status != 0) {
                        throw new IllegalStateException("backup failed: " + printed);
                    }
                    backupMs.add((System.nanoTime() - start) / 1_000_000);
                    size = Files.size(file);
                    taken++;
                }
                line(String.format("  with backups:   WildFly %.1f %%, PostgreSQL %.1f %% of a core; %d segments sealed; "
                        + "%d backups", busy.wildflyPercent(), busy.postgresPercent(), sealed(live) - sealedBefore, taken));
            }
            backupMs.sort(null);
            line(String.format("backup (write, download, check, delete): %d runs, median %d ms, max %d ms; %.1f MB",
                    backupMs.size(), backupMs.get(backupMs.size() / 2), backupMs.get(backupMs.size() - 1), size / 1048576.0));
            for (long camera : live) {
                VigilDeployment.post(admin, "/api/v1/cameras/" + camera + "/disable", "");
            }
        }
        line(restoreTime(dir, dir.resolve("bench.vigil-backup")));
        Path out = dir.resolve("bench").resolve("backup.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** 16 disabled cameras, each with an hour of 4 s segments and a motion event a minute; rows as the recorder writes them. */
    private static long fillOneHourOfSixteenCameras(HttpClient admin) throws Exception {
        Instant start = Instant.now().minus(Duration.ofHours(2));
        SecureRandom random = new SecureRandom();
        long rows = 0;
        try (Connection c = VigilDeployment.database();
             PreparedStatement segment = c.prepareStatement("INSERT INTO segment (camera_id, chain_seq, start_ts, end_ts, "
                     + "duration_ms, frames, bytes, sha256, chain_hash, volume, path) VALUES (?, ?, ?, ?, 4000, 100, 2000000, ?, ?, "
                     + "'default', ?)");
             PreparedStatement event = c.prepareStatement("INSERT INTO analytics_event (event_id, camera_id, type, zone, start_ts, "
                     + "end_ts, score, producer, received_ts) VALUES (?, ?, 'MOTION', 'door', ?, ?, 0.4, 'svc-analytics', now())")) {
            for (int n = 0; n < 16; n++) {
                long camera = VigilDeployment.addDisabledCamera(admin, "bench archive " + n + " " + System.nanoTime());
                for (int s = 0; s < 900; s++) {
                    Instant at = start.plusSeconds(4L * s);
                    byte[] sha = new byte[32];
                    byte[] chain = new byte[32];
                    random.nextBytes(sha);
                    random.nextBytes(chain);
                    segment.setLong(1, camera);
                    segment.setLong(2, s + 1);
                    segment.setTimestamp(3, Timestamp.from(at));
                    segment.setTimestamp(4, Timestamp.from(at.plusSeconds(4)));
                    segment.setBytes(5, sha);
                    segment.setBytes(6, chain);
                    segment.setString(7, camera + "/" + at.toEpochMilli() + ".mp4.enc");
                    segment.addBatch();
                    rows++;
                    if (s % 15 == 0) {
                        event.setString(1, UUID.randomUUID().toString());
                        event.setLong(2, camera);
                        event.setTimestamp(3, Timestamp.from(at));
                        event.setTimestamp(4, Timestamp.from(at.plusSeconds(3)));
                        event.addBatch();
                    }
                }
                segment.executeBatch();
                event.executeBatch();
            }
        }
        return rows;
    }

    /** The last backup restored into an empty folder and an empty PostgreSQL, as an operator would. */
    private static String restoreTime(Path dir, Path backup) throws Exception {
        VigilHome home = new VigilHome(dir.resolve("bench-restored"));
        LocalInstallation.deleteTree(home.root());
        LocalInstallation.deleteTree(dir.resolve("bench-restored-db"));
        String dbPassword = Passwords.generate();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(dir.resolve("bench-restored-db"), LocalInstallation.freePort())) {
            database.ensureApplicationDatabase(dbPassword);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            long start = System.nanoTime();
            int status = VigilRestore.run(new String[] {"--home", home.root().toString(), "--from", backup.toString(), "--ca",
                    dir.resolve("it-home/tls/ca.pem").toString(), "--db-url", database.jdbcUrl()}, BACKUP_PASSWORD, dbPassword,
                    new PrintStream(printed, true), new PrintStream(printed, true));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (status != 0) {
                throw new IllegalStateException("restore failed: " + printed);
            }
            return String.format("restore (check, folder, schema, rows) into an empty folder and database: %d ms", ms);
        }
    }

    private long sealed(List<Long> cameras) {
        return VigilDeployment.count("SELECT count(*) FROM segment WHERE camera_id IN ("
                + String.join(",", cameras.stream().map(String::valueOf).toList()) + ")");
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }

    /** CPU time of WildFly and of PostgreSQL (the postmaster and its backends) from a start. */
    private record Cpu(ProcessHandle wildfly, ProcessHandle postgres, long startNanos, Duration wildflyBefore, Duration postgresBefore) {

        static Cpu start(ProcessHandle wildfly, ProcessHandle postgres) {
            return new Cpu(wildfly, postgres, System.nanoTime(), cpu(wildfly), cpuWithChildren(postgres));
        }

        double wildflyPercent() {
            return 100.0 * cpu(wildfly).minus(wildflyBefore).toNanos() / (System.nanoTime() - startNanos);
        }

        double postgresPercent() {
            return 100.0 * cpuWithChildren(postgres).minus(postgresBefore).toNanos() / (System.nanoTime() - startNanos);
        }

        private static Duration cpu(ProcessHandle process) {
            return process.info().totalCpuDuration().orElse(Duration.ZERO);
        }

        private static Duration cpuWithChildren(ProcessHandle process) {
            return process.descendants().map(Cpu::cpu).reduce(cpu(process), Duration::plus);
        }
    }
}
