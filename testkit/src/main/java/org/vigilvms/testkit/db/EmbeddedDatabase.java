package org.vigilvms.testkit.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.vigilvms.setup.ServerSetup;

/**
 * A real PostgreSQL server from the binaries Maven brings (zonky), listening on loopback. Holds
 * the application database {@code vigil}, owned by a role of the same name with a generated
 * password, and the recorder nodes' role; the superuser is only used here, to create the roles.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "vigil";
    public static final String OWNER = "vigil";
    /** The database role of the recorder nodes (V34). */
    public static final String RECORDER = ServerSetup.DB_RECORDER_ROLE;

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts PostgreSQL with its data in {@code dataDir} (kept between runs) on {@code port}
     * (0 picks a free one).
     */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", "UTC")
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedDatabase(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the embedded PostgreSQL in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /**
     * A connection to the application database as PostgreSQL's superuser: for test fixtures only
     * (the server never connects so).
     */
    public Connection superuserConnection() throws SQLException {
        return postgres.getDatabase("postgres", DATABASE).getConnection();
    }

    /**
     * Creates the owner role and database, or resets the role's password when they exist, and the
     * recorder nodes' role {@value #RECORDER} without a password (it cannot sign in), as a database
     * administrator would before the first start.
     */
    public void ensureApplicationDatabase(String password) {
        ensureApplicationDatabase(password, null);
    }

    /** As {@link #ensureApplicationDatabase(String)}; the recorder nodes' role signs in with {@code recorderPassword}. */
    public void ensureApplicationDatabase(String password, String recorderPassword) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(roleStatement(s, OWNER, password));
            s.execute(roleStatement(s, RECORDER, recorderPassword));
            boolean dbExists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                dbExists = rs.next();
            }
            if (!dbExists) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER + " ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + DATABASE + ": " + e.getMessage(), e);
        }
    }

    private static String roleStatement(Statement s, String role, String password) throws SQLException {
        boolean exists;
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
            exists = rs.next();
        }
        String login = password == null ? "NOLOGIN" : "LOGIN PASSWORD '" + password.replace("'", "''") + "'";
        return (exists ? "ALTER" : "CREATE") + " ROLE " + role + " " + login;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }
}
