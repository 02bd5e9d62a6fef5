package org.vigilvms.testkit.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.db.DataSet;
import org.vigilvms.testkit.db.EmbeddedDatabase;
import org.vigilvms.testkit.run.LocalInstallation;

/**
 * An installation as an earlier release left it, kept in the repository to test upgrades: its
 * installation folder (secrets, certificates, the bootstrap files and the default storage volume
 * with its encrypted segments) under {@code home/}, and its database's rows as a {@link DataSet}
 * in {@code database.jsonl}, and the one-time password it printed for its administrator in
 * {@code admin.password}. {@link #main} takes one from a stopped run of that release
 * ({@code testkit/upgrade/take-release-fixture.sh} runs the release); {@link #install} puts one into
 * an empty folder and an empty database, whose schema it creates with the migrations up to the
 * release's version (their checksums, kept in the data set's {@code flyway_schema_history} rows,
 * are what the server's migration then validates).
 */
public final class ReleaseFixture {

    static final List<String> HOME_PARTS = List.of("secrets", "tls", "bootstrap", "storage");
    private static final Pattern VERSION = Pattern.compile("\"table\":\"flyway_schema_history\".*?\"version\":\"(\\d+)\"");

    private final Path dir;

    public ReleaseFixture(Path dir) {
        this.dir = dir;
    }

    public Path home() {
        return dir.resolve("home");
    }

    public Path database() {
        return dir.resolve("database.jsonl");
    }

    /** The password the release gave its first administrator, who never signed in with it. */
    public String oneTimeAdminPassword() {
        try {
            return Files.readString(dir.resolve("admin.password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The newest migration the release had applied. */
    public int schemaVersion() {
        try {
            int version = 0;
            for (String line : Files.readAllLines(database())) {
                Matcher m = VERSION.matcher(line);
                if (m.find()) {
                    version = Math.max(version, Integer.parseInt(m.group(1)));
                }
            }
            if (version == 0) {
                throw new IllegalStateException(database() + " has no applied migration");
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Copies the release's installation folder into {@code target} (empty) and its database into
     * {@code database} (an empty application database): the schema as the release's migrations made
     * it, then its rows. Returns the rows loaded.
     */
    public int install(VigilHome target, EmbeddedDatabase database, String ownerPassword) throws IOException, SQLException {
        for (String part : HOME_PARTS) {
            if (Files.isDirectory(home().resolve(part))) {
                LocalInstallation.copyTree(home().resolve(part), target.root().resolve(part));
            }
        }
        Flyway.configure(ReleaseFixture.class.getClassLoader())
                .dataSource(database.jdbcUrl(), EmbeddedDatabase.OWNER, ownerPassword)
                .locations("classpath:db/migration")
                .target(String.valueOf(schemaVersion()))
                .load()
                .migrate();
        try (Connection superuser = database.superuserConnection()) {
            return DataSet.load(superuser, database());
        }
    }

    /**
     * Takes a fixture from a stopped run of a release: {@code --home} its installation folder (with
     * the embedded database's data), {@code --out} the fixture's folder (emptied first).
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 4 || !args[0].equals("--home") || !args[2].equals("--out")) {
            System.err.println("usage: ReleaseFixture --home <stopped installation folder> --out <fixture folder>");
            System.exit(2);
        }
        VigilHome home = new VigilHome(Path.of(args[1]));
        Path out = Path.of(args[3]);
        LocalInstallation.deleteTree(out);
        ReleaseFixture fixture = new ReleaseFixture(out);
        for (String part : HOME_PARTS) {
            if (Files.isDirectory(home.root().resolve(part))) {
                LocalInstallation.copyTree(home.root().resolve(part), fixture.home().resolve(part));
            }
        }
        int rows;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(home.databaseDir(), LocalInstallation.freePort());
             Connection superuser = database.superuserConnection()) {
            try (Statement s = superuser.createStatement()) {
                s.execute("SET default_transaction_read_only = on");
            }
            rows = DataSet.dump(superuser, fixture.database());
        }
        System.out.println("fixture in " + out + ": " + rows + " rows at schema version " + fixture.schemaVersion());
    }
}
