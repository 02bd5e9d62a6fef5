package org.vigilvms.tools;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.vigilvms.setup.VigilHome;

/**
 * Takes a backup of a running installation and fetches it: signs in as a local administrator,
 * asks the server for the backup (its password again, and the backup's own password), downloads
 * the file to {@code --out}, checks its SHA-256 against what the server wrote and deletes the
 * server's copy. Passwords: VIGIL_PASSWORD and VIGIL_BACKUP_PASSWORD, or asked in a terminal.
 * Exit status 0: written; 1: refused by the server; 2: wrong usage or not reachable.
 */
public final class VigilBackup {

    static final String USAGE = "usage: vigil-backup --out <file> [--url https://host:8443] [--home <installation folder>] "
            + "[--user admin]";

    private VigilBackup() {
    }

    public static void main(String[] args) {
        String password = System.getenv("VIGIL_PASSWORD");
        String backupPassword = System.getenv("VIGIL_BACKUP_PASSWORD");
        if (System.console() != null) {
            if (password == null) {
                password = new String(System.console().readPassword("your password: "));
            }
            if (backupPassword == null) {
                backupPassword = new String(System.console().readPassword("password for the backup (12 characters or more): "));
            }
        }
        System.exit(run(args, password, backupPassword, System.out, System.err));
    }

    public static int run(String[] args, String password, String backupPassword, PrintStream out, PrintStream err) {
        String url = "https://localhost:8443";
        Path home = VigilHome.defaultForUser().root();
        String user = "admin";
        Path target = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                err.println(args[i] + " needs a value\n" + USAGE);
                return 2;
            }
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--home" -> home = Path.of(args[i + 1]);
                case "--user" -> user = args[i + 1];
                case "--out" -> target = Path.of(args[i + 1]);
                default -> {
                    err.println("unknown option " + args[i] + "\n" + USAGE);
                    return 2;
                }
            }
        }
        if (target == null || password == null || backupPassword == null) {
            err.println(target == null ? USAGE : "no password: set VIGIL_PASSWORD and VIGIL_BACKUP_PASSWORD or run in a terminal");
            return 2;
        }
        if (Files.exists(target)) {
            err.println(target + " exists; name a new file");
            return 2;
        }
        try {
            HttpClient client = ConsoleLogin.signIn(new VigilHome(home), url, user, password);
            String body = Json.createObjectBuilder().add("password", password).add("backupPassword", backupPassword).build().toString();
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/backups"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                err.println("refused: HTTP " + created.statusCode() + " " + created.body());
                return 1;
            }
            JsonObject backup = Json.createReader(new StringReader(created.body())).readObject();
            String id = backup.getString("id");
            HttpResponse<Path> file = client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/backups/" + id + "/file")).build(),
                    HttpResponse.BodyHandlers.ofFile(target));
            if (file.statusCode() != 200 || !sha256(target).equals(backup.getString("sha256"))) {
                Files.deleteIfExists(target);
                err.println("the download of backup " + id + " failed or differs from what the server wrote; the server keeps it");
                return 2;
            }
            client.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/backups/" + id)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
            out.printf("backup %s written to %s: %d bytes, SHA-256 %s, database at %s (%d tables, %d rows)%n", id, target,
                    backup.getJsonNumber("bytes").longValue(), backup.getString("sha256"), backup.getString("schemaVersion"),
                    backup.getInt("tables"), backup.getJsonNumber("rows").longValue());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("backup failed: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
