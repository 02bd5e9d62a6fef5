package org.vigilvms.setup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vigilvms.backup.archive.BackupManifest;
import org.vigilvms.backup.archive.BackupRefusedException;

/**
 * Restores a backup onto a fresh machine: {@code --home} an empty installation folder,
 * {@code --from} the backup file, {@code --ca} the CA certificate of the installation it was taken
 * from (its {@code tls/ca.pem}, kept apart from the backup), {@code --db-url}/{@code --db-user} an
 * empty database (password from VIGIL_DB_PASSWORD), {@code --volume OLD=NEW} for each storage
 * volume whose files were copied elsewhere. The backup's password comes from
 * VIGIL_BACKUP_PASSWORD or, in a terminal, is asked for. Exit status 0: restored; 1: refused
 * (nothing changed); 2: wrong usage.
 */
public final class VigilRestore {

    static final String USAGE = "usage: vigil-restore --home <empty folder> --from <backup file> --ca <ca.pem of the installation> "
            + "--db-url jdbc:postgresql://host:port/db [--db-user vigil] [--volume OLD=NEW]...";

    private VigilRestore() {
    }

    public static void main(String[] args) {
        String password = System.getenv("VIGIL_BACKUP_PASSWORD");
        if (password == null && System.console() != null) {
            char[] typed = System.console().readPassword("backup password: ");
            password = typed == null ? null : new String(typed);
        }
        System.exit(run(args, password, System.getenv("VIGIL_DB_PASSWORD"), System.out, System.err));
    }

    public static int run(String[] args, String backupPassword, String dbPassword, PrintStream out, PrintStream err) {
        Path home = null;
        Path from = null;
        Path ca = null;
        String url = null;
        String user = "vigil";
        Map<String, String> volumes = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                err.println(args[i] + " needs a value\n" + USAGE);
                return 2;
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--home" -> home = Path.of(value);
                case "--from" -> from = Path.of(value);
                case "--ca" -> ca = Path.of(value);
                case "--db-url" -> url = value;
                case "--db-user" -> user = value;
                case "--volume" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0 || eq == value.length() - 1) {
                        err.println("--volume needs OLD=NEW, got " + value);
                        return 2;
                    }
                    volumes.put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (home == null || from == null || ca == null || url == null) {
            err.println(USAGE);
            return 2;
        }
        if (backupPassword == null) {
            err.println("no backup password: set VIGIL_BACKUP_PASSWORD or run in a terminal");
            return 2;
        }
        VigilHome target = new VigilHome(home);
        try (BackupRestore restore = BackupRestore.open(target, from, backupPassword.toCharArray(), VigilSetup.readCertificate(ca))) {
            DatabaseSettings db = new DatabaseSettings(url, user, dbPassword);
            try {
                restore.restoreHome(target);
                ServerSetup.ensure(target, db);
                restore.restoreDatabase(db, target, volumes);
            } catch (BackupRefusedException | SQLException | IOException | RuntimeException e) {
                BackupRestore.deleteTree(target.secretsDir());
                BackupRestore.deleteTree(target.tlsDir());
                BackupRestore.deleteTree(BackupRestore.signingKeysDir(target));
                throw e;
            }
            BackupManifest manifest = restore.manifest();
            long rows = manifest.tables().stream().mapToLong(BackupManifest.Table::rows).sum();
            out.println("restored the backup of " + manifest.createdAt() + " (by " + manifest.createdBy() + ", schema "
                    + manifest.schemaVersion() + ", " + manifest.tables().size() + " tables, " + rows + " rows) into " + target.root());
            out.println("copy the storage volumes' files to: " + String.join(", ", manifest.volumes().stream()
                    .map(v -> volumes.getOrDefault(v, v.startsWith(manifest.home() + "/")
                            ? target.root() + v.substring(manifest.home().length()) : v)).toList()));
            return 0;
        } catch (BackupRefusedException e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (SQLException | IOException | RuntimeException e) {
            err.println("the restore failed, the folder is left empty again: " + e.getMessage());
            return 1;
        }
    }
}
