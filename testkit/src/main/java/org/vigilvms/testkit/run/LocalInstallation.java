package org.vigilvms.testkit.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.security.cert.X509Certificate;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;
import org.vigilvms.backup.archive.BackupRefusedException;
import org.vigilvms.setup.BackupRestore;
import org.vigilvms.setup.DatabaseSettings;
import org.vigilvms.setup.SecretStore;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.TokenKeys;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.db.EmbeddedDatabase;

/**
 * One Vigil installation on this machine, as the run command and the integration tests use it:
 * the installation folder with its secrets, the database (embedded PostgreSQL, or an external one
 * named by VIGIL_DB_URL) and WildFly's server base directory. Shared so the tests run exactly
 * what a user runs.
 */
public final class LocalInstallation implements AutoCloseable {

    private final VigilHome home;
    private final SecretStore secrets;
    private final EmbeddedDatabase embedded;
    private final String databaseUrl;
    private final boolean firstRun;

    private LocalInstallation(VigilHome home, SecretStore secrets, EmbeddedDatabase embedded, String databaseUrl,
                              boolean firstRun) {
        this.home = home;
        this.secrets = secrets;
        this.embedded = embedded;
        this.databaseUrl = databaseUrl;
        this.firstRun = firstRun;
    }

    /** External database settings, or null for the embedded default. */
    public record ExternalDatabase(String url, String user, String password) {
        /** From VIGIL_DB_URL, VIGIL_DB_USER and VIGIL_DB_PASSWORD; null when VIGIL_DB_URL is unset. */
        public static ExternalDatabase fromEnvironment() {
            String url = System.getenv("VIGIL_DB_URL");
            if (url == null || url.isBlank()) {
                return null;
            }
            String user = System.getenv().getOrDefault("VIGIL_DB_USER", "vigil");
            return new ExternalDatabase(url, user, System.getenv("VIGIL_DB_PASSWORD"));
        }
    }

    /**
     * Prepares (first run) or re-opens the installation in {@code home} and starts its database.
     *
     * @param embeddedPort port of the embedded PostgreSQL; 0 picks a free one
     */
    public static LocalInstallation open(VigilHome home, ExternalDatabase external, int embeddedPort) {
        return open(home, external, embeddedPort, null);
    }

    /**
     * As {@link #open(VigilHome, ExternalDatabase, int)}, a new installation keeping its keys in
     * the PKCS#11 token {@code token} (null: in files).
     */
    public static LocalInstallation open(VigilHome home, ExternalDatabase external, int embeddedPort, TokenKeys.Settings token) {
        if (external != null) {
            checkReachable(external);
            ServerSetup.Result setup = ServerSetup.ensure(home,
                    new DatabaseSettings(external.url(), external.user(), external.password()), token);
            allowLoopbackCameras(home);
            return new LocalInstallation(home, setup.secrets(), null, external.url(), setup.firstRun());
        }
        int port = embeddedPort > 0 ? embeddedPort : freePort();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + EmbeddedDatabase.DATABASE;
        ServerSetup.Result setup = ServerSetup.ensure(home,
                new DatabaseSettings(url, EmbeddedDatabase.OWNER, null), token);
        EmbeddedDatabase database = EmbeddedDatabase.start(home.databaseDir(), port);
        try {
            database.ensureApplicationDatabase(setup.secrets().require(ServerSetup.DB_PASSWORD),
                    setup.secrets().require(ServerSetup.DB_RECORDER_PASSWORD));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        allowLoopbackCameras(home);
        return new LocalInstallation(home, setup.secrets(), database, url, setup.firstRun());
    }

    /**
     * A new installation in the empty folder {@code home} from a backup of another machine's: the
     * whole backup is checked first (password, signature under {@code ca}, every entry), then the
     * folder is written, the database (embedded or external, which must be empty) started and
     * loaded. Storage volumes under the old folder move to the new one; their files are copied
     * by the caller.
     */
    public static LocalInstallation restore(VigilHome home, ExternalDatabase external, int embeddedPort, Path backup,
                                            char[] password, X509Certificate ca) throws BackupRefusedException, IOException {
        try (BackupRestore restore = BackupRestore.open(home, backup, password, ca)) {
            restore.restoreHome(home);
            LocalInstallation installation = open(home, external, embeddedPort);
            try {
                restore.restoreDatabase(new DatabaseSettings(installation.databaseUrl(),
                        external != null ? external.user() : EmbeddedDatabase.OWNER,
                        installation.secrets().require(ServerSetup.DB_PASSWORD)), home, Map.of());
            } catch (SQLException | RuntimeException e) {
                installation.close();
                throw new IllegalStateException("the backup was checked but could not be loaded (" + e.getMessage() + "); "
                        + home.root() + " holds a partial installation: delete it before trying again", e);
            }
            return installation;
        }
    }

    /**
     * The demo's virtual cameras (and the tests') run on this machine, on the loopback network,
     * which the camera address policy refuses unless allowed. Only installations this launcher
     * prepares allow it; one set up with the setup tool for real cameras does not.
     */
    private static void allowLoopbackCameras(VigilHome home) {
        ServerSetup.setServerProperty(home, "vigil.camera.networks.allowed", "127.0.0.0/8");
    }

    /** Fails fast, naming the URL and the cause, when an external database cannot be used. */
    static void checkReachable(ExternalDatabase db) {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("loginTimeout", "10");
        try (Connection ignored = DriverManager.getConnection(db.url(), props)) {
            // reachable, and the credentials work
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the database " + db.url() + ": " + e.getMessage(), e);
        }
    }

    public VigilHome home() {
        return home;
    }

    public SecretStore secrets() {
        return secrets;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public boolean firstRun() {
        return firstRun;
    }

    /** A connection as the application's database owner. */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", EmbeddedDatabase.OWNER);
        props.setProperty("password", secrets.require(ServerSetup.DB_PASSWORD));
        return DriverManager.getConnection(databaseUrl, props);
    }

    /**
     * Makes {@code baseDir} a WildFly server base directory: its configuration is refreshed from
     * the provisioned server's {@code standalone/configuration} every time; data, logs and
     * deployments are its own and kept.
     */
    public static void prepareServerBaseDir(Path jbossHome, Path baseDir) {
        Path template = jbossHome.resolve("standalone");
        if (!Files.isRegularFile(template.resolve("configuration/standalone-full.xml"))) {
            throw new IllegalStateException("no configured server at " + jbossHome + "; build it first (./mvnw package)");
        }
        try {
            copyTree(template.resolve("configuration"), baseDir.resolve("configuration"));
            Files.createDirectories(baseDir.resolve("deployments"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare server base directory " + baseDir, e);
        }
    }

    /** Copies the tree {@code from} into {@code to} (made as needed), replacing files there. */
    public static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** A TCP port nothing listens on now, for a server a test is about to start. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
