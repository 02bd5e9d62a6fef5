package org.vigilvms.backup;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.backup.archive.BackupManifest;
import org.vigilvms.backup.archive.BackupWriter;
import org.vigilvms.backup.archive.DatabaseDump;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.Pem;
import org.vigilvms.platform.ServerSigningKey;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.Reauthentication;

/**
 * Writes a backup of the running installation: the database as one consistent snapshot (a
 * repeatable-read transaction outside any container transaction, so recording goes on), every
 * file of the installation's {@code secrets} and {@code tls} folders, the list of storage volumes
 * (their files are the customer's to copy), signed by the installation's key and encrypted with a
 * password of at least 12 characters. Only a local administrator, after giving their own password
 * again; written, refused and failed backups are audited.
 */
@PermitAll // authorization per call: a local administrator, with the password again
@Stateless
public class BackupService {

    static final String EXTENSION = ".vigil-backup";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Resource(lookup = "java:jboss/datasources/VigilDS")
    private DataSource database;

    @Inject
    private AccessControl access;

    @Inject
    private Reauthentication reauthentication;

    @Inject
    private AuditLog audit;

    @Inject
    private InstallationPaths paths;

    /** Takes a backup now; {@code accountPassword} is the caller's own, {@code backupPassword} encrypts the file. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public BackupFile create(String accountPassword, char[] backupPassword) {
        access.requireLocalAdministrator("backup", "take a backup of the installation");
        String caller = access.caller().name();
        reauthentication.require(caller, accountPassword, "backup.refused", "take a backup");
        try {
            BackupWriter.requireStrong(backupPassword);
        } catch (IllegalArgumentException e) {
            audit.record(caller, "backup.refused", "backup", AuditEvent.Outcome.REJECTED, e.getMessage());
            throw new InvalidRequestException(e.getMessage());
        }
        String id = UUID.randomUUID().toString();
        Path file = dir().resolve(id + EXTENSION);
        try {
            BackupFile written = write(id, file, caller, backupPassword);
            audit.record(caller, "backup.written", "backup:" + id, AuditEvent.Outcome.SUCCESS, written.tables() + " tables, "
                    + written.rows() + " rows, " + written.bytes() + " bytes, SHA-256 " + written.sha256());
            return written;
        } catch (IOException | SQLException | RuntimeException e) {
            deleteQuietly(file);
            audit.record(caller, "backup.failed", "backup:" + id, AuditEvent.Outcome.FAILURE, e.toString());
            throw new IllegalStateException("the backup could not be written: " + e.getMessage(), e);
        } finally {
            Arrays.fill(backupPassword, '\0');
        }
    }

    /** The kept backup's file, for its download; a local administrator only, audited. */
    public Path file(String id) {
        access.requireLocalAdministrator("backup:" + id, "download a backup");
        Path file = existing(id);
        audit.record(access.caller().name(), "backup.downloaded", "backup:" + id, AuditEvent.Outcome.SUCCESS, null);
        return file;
    }

    /** Deletes the server's copy once it is kept elsewhere. */
    public void delete(String id) {
        access.requireLocalAdministrator("backup:" + id, "delete a backup");
        Path file = existing(id);
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit.record(access.caller().name(), "backup.deleted", "backup:" + id, AuditEvent.Outcome.SUCCESS, null);
    }

    private BackupFile write(String id, Path file, String caller, char[] password) throws IOException, SQLException {
        MessageDigest digest = sha256();
        DatabaseDump.Dumped dumped;
        BackupManifest manifest;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest);
             Connection connection = database.getConnection()) {
            BackupWriter writer = BackupWriter.open(out, password);
            for (String folder : List.of("secrets", "tls")) {
                for (Path f : filesIn(paths.home().resolve(folder))) {
                    writer.addFile("home/" + folder + "/" + f.getFileName(), f);
                }
            }
            // the node's message signing keys: restored, it signs as before and its registered keys stay valid
            for (Path f : filesIn(paths.serverData().resolve("signing-keys"))) {
                writer.addFile("node/signing-keys/" + f.getFileName(), f);
            }
            dumped = DatabaseDump.dump(connection, writer);
            ServerSigningKey signing = ServerSigningKey.installation();
            X509Certificate ca = Pem.certificate(Files.readString(paths.home().resolve("tls/ca.pem")));
            manifest = writer.finish(caller, dumped.schemaVersion(), paths.home().toString(), dumped.tables(),
                    volumes(connection), signing.privateKey(), signing.chain(), ca);
        }
        long rows = dumped.tables().stream().mapToLong(BackupManifest.Table::rows).sum();
        return new BackupFile(id, Files.size(file), HexFormat.of().formatHex(digest.digest()), manifest.createdAt(), caller,
                manifest.schemaVersion(), dumped.tables().size(), rows);
    }

    /** Where each storage volume keeps its files on this server (the default volume's path is the storage folder). */
    private List<String> volumes(Connection connection) throws SQLException {
        List<String> volumes = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT path FROM storage_volume ORDER BY id")) {
            while (rs.next()) {
                volumes.add(rs.getString(1).isEmpty() ? paths.storage().toString() : rs.getString(1));
            }
        }
        return volumes;
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private Path dir() {
        Path dir = paths.serverData().resolve("backups");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    private Path existing(String id) {
        Path file = ID.matcher(id).matches() ? dir().resolve(id + EXTENSION) : null;
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidRequestException("no backup " + id + " on this server");
        }
        return file;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the failure is reported; a partial file left behind is encrypted
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
