package org.vigilvms.setup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.vigilvms.backup.archive.BackupManifest;
import org.vigilvms.backup.archive.BackupReader;
import org.vigilvms.backup.archive.BackupRefusedException;
import org.vigilvms.backup.archive.DatabaseDump;

/**
 * Restores a backup into an empty installation folder and an empty database, in three steps
 * that callers run in order: {@link #open} checks the whole backup (password, signature by the
 * expected installation's CA, every entry) and writes nothing; {@link #restoreHome} puts the key
 * material and configuration in place, moved to the new folder; after the caller has completed
 * the folder for its database ({@link ServerSetup#ensure}), {@link #restoreDatabase} builds the
 * schema at the backup's migration and loads the rows in one transaction. The server migrates
 * further when it starts, so a backup of an older release restores into a newer one.
 */
public final class BackupRestore implements AutoCloseable {

    private final BackupReader.VerifiedBackup backup;

    private BackupRestore(BackupReader.VerifiedBackup backup) {
        this.backup = backup;
    }

    /**
     * @param expectedCa the CA certificate of the installation the backup was taken from (its
     *                   {@code tls/ca.pem}, kept apart from the backup)
     */
    /** Where a backup keeps the node's message signing keys (its server data folder's {@code signing-keys}). */
    public static final String SIGNING_KEYS_ENTRY = "node/signing-keys/";

    /** The server's message signing keys in {@code home} (WildFly's data folder, {@code vigil/signing-keys}). */
    public static Path signingKeysDir(VigilHome home) {
        return home.serverBaseDir().resolve("data/vigil/signing-keys");
    }

    public static BackupRestore open(VigilHome home, Path file, char[] password, X509Certificate expectedCa)
            throws BackupRefusedException, IOException {
        if (Files.exists(home.serverProperties()) || Files.exists(home.credentialStore())) {
            throw new BackupRefusedException(BackupRefusedException.Reason.TARGET_NOT_EMPTY, home.root()
                    + " already holds an installation; a backup is restored into an empty folder, nothing was changed");
        }
        Path work = Files.createTempDirectory("vigil-restore-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        try (InputStream in = Files.newInputStream(file)) {
            return new BackupRestore(BackupReader.open(in, password, expectedCa, work));
        } catch (BackupRefusedException | IOException | RuntimeException e) {
            deleteTree(work);
            throw e;
        }
    }

    public BackupManifest manifest() {
        return backup.manifest();
    }

    /**
     * Writes the backup's {@code secrets} and {@code tls} files into {@code home}, and the node's
     * message signing keys into the server's data folder (owner-only), so that the restored node
     * signs as before and its keys in the registry stay valid; every server property that named a
     * path in the old folder moves to the new one.
     */
    public void restoreHome(VigilHome home) throws IOException {
        ServerSetup.createPrivateDir(home.root());
        ServerSetup.createPrivateDir(home.secretsDir());
        ServerSetup.createPrivateDir(home.tlsDir());
        for (BackupManifest.Entry entry : backup.manifest().entries()) {
            Path target = null;
            if (entry.name().startsWith("home/secrets/")) {
                target = home.secretsDir().resolve(entry.name().substring("home/secrets/".length()));
            } else if (entry.name().startsWith("home/tls/")) {
                target = home.tlsDir().resolve(entry.name().substring("home/tls/".length()));
            } else if (entry.name().startsWith(SIGNING_KEYS_ENTRY)) {
                Path keys = signingKeysDir(home);
                ServerSetup.createPrivateDir(keys);
                target = keys.resolve(entry.name().substring(SIGNING_KEYS_ENTRY.length()));
            }
            if (target != null) {
                Files.copy(backup.entry(entry.name()), target, StandardCopyOption.REPLACE_EXISTING);
                FilePermissions.ownerOnly(target);
            }
        }
        Properties props = ServerSetup.readProperties(home.serverProperties());
        String oldHome = backup.manifest().home();
        for (String name : props.stringPropertyNames()) {
            String value = props.getProperty(name);
            if (value.equals(oldHome) || value.startsWith(oldHome + "/")) {
                props.setProperty(name, home.root() + value.substring(oldHome.length()));
            }
        }
        ServerSetup.writeProperties(home.serverProperties(), props,
                "System properties for WildFly (--properties). Secret: readable by the owner only.");
    }

    /**
     * Builds the schema at the backup's migration in {@code db} (which must hold no Vigil schema)
     * and loads the backup's rows. Storage volumes under the old installation folder move to the
     * new one; {@code volumeMoves} moves others (old path to new path).
     */
    public void restoreDatabase(DatabaseSettings db, VigilHome home, Map<String, String> volumeMoves)
            throws BackupRefusedException, SQLException, IOException {
        Properties credentials = new Properties();
        credentials.setProperty("user", db.user());
        if (db.password() != null) {
            credentials.setProperty("password", db.password());
        }
        try (Connection connection = DriverManager.getConnection(db.url(), credentials)) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT to_regclass('" + DatabaseDump.MIGRATION_HISTORY + "') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    throw new BackupRefusedException(BackupRefusedException.Reason.TARGET_NOT_EMPTY, db.url()
                            + " already holds a Vigil schema; a backup is restored into an empty database, nothing was changed");
                }
            }
            Flyway.configure(BackupRestore.class.getClassLoader()).dataSource(db.url(), db.user(), db.password())
                    .locations("classpath:db/migration").failOnMissingLocations(true)
                    .target(backup.manifest().schemaVersion()).load().migrate();
            Map<String, String> moves = new LinkedHashMap<>(volumeMoves);
            DatabaseDump.load(connection, backup, c -> moveVolumes(c, backup.manifest().home(), home.root().toString(), moves));
        }
    }

    private static void moveVolumes(Connection connection, String oldHome, String newHome, Map<String, String> moves)
            throws SQLException {
        try (PreparedStatement exact = connection.prepareStatement("UPDATE storage_volume SET path = ? WHERE path = ?");
             PreparedStatement underHome = connection.prepareStatement(
                     "UPDATE storage_volume SET path = ? || substr(path, ?) WHERE path LIKE ? ESCAPE '\\'")) {
            for (Map.Entry<String, String> move : moves.entrySet()) {
                exact.setString(1, move.getValue());
                exact.setString(2, move.getKey());
                exact.executeUpdate();
            }
            underHome.setString(1, newHome);
            underHome.setInt(2, oldHome.length() + 1);
            underHome.setString(3, oldHome.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
            underHome.executeUpdate();
        }
    }

    /** Removes the unpacked backup. */
    @Override
    public void close() {
        deleteTree(backup.dir());
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
