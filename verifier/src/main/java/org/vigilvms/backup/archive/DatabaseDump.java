package org.vigilvms.backup.archive;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The database part of a backup, with plain JDBC and PostgreSQL's own JSON functions: every table
 * of the schema as one JSON object per row ({@code row_to_json}), read in one repeatable-read,
 * read-only transaction, so the snapshot is consistent while the server goes on writing; the
 * sequences' positions beside them. Loading is the reverse ({@code json_populate_recordset}) into
 * a schema at the same migration, in one transaction, parents before children.
 */
public final class DatabaseDump {

    /** Flyway's own table: the restore recreates it by migrating, never from the backup. */
    public static final String MIGRATION_HISTORY = "flyway_schema_history";
    static final String SEQUENCES = "database/sequences.json";
    private static final int ROWS_PER_INSERT = 500;

    private DatabaseDump() {
    }

    /** What a dump wrote: the migration it was taken at and its tables in loading order. */
    public record Dumped(String schemaVersion, List<BackupManifest.Table> tables) {
    }

    /** Dumps the connection's current schema into {@code backup}; the connection is left as it was found, in auto-commit. */
    public static Dumped dump(Connection connection, BackupWriter backup) throws SQLException, IOException {
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            String version = schemaVersion(connection);
            List<BackupManifest.Table> tables = new ArrayList<>();
            int n = 0;
            for (String table : loadingOrder(connection)) {
                String entry = String.format("database/%03d-%s.jsonl", ++n, table);
                long rows = 0;
                try (OutputStream out = backup.entry(entry);
                     Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                     Statement statement = connection.createStatement()) {
                    statement.setFetchSize(1000);
                    try (ResultSet rs = statement.executeQuery("SELECT row_to_json(t)::text FROM " + quoted(table) + " t")) {
                        while (rs.next()) {
                            writer.write(rs.getString(1));
                            writer.write('\n');
                            rows++;
                        }
                    }
                }
                tables.add(new BackupManifest.Table(table, entry, rows));
            }
            JsonObjectBuilder sequences = Json.createObjectBuilder();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT sequencename, last_value FROM pg_sequences "
                         + "WHERE schemaname = current_schema() ORDER BY sequencename")) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    long last = rs.getLong(2);
                    sequences.add(name, rs.wasNull() ? JsonValue.NULL : Json.createValue(last));
                }
            }
            try (OutputStream out = backup.entry(SEQUENCES)) {
                Json.createWriter(out).write(sequences.build());
            }
            connection.commit();
            return new Dumped(version, tables);
        } finally {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(true);
        }
    }

    /** The newest applied migration's version. */
    public static String schemaVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT version FROM " + MIGRATION_HISTORY
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new SQLException("the database has no applied migration");
            }
            return rs.getString(1);
        }
    }

    /**
     * Replaces every row of the schema's tables (which must be at the backup's migration) with the
     * backup's, and sets the sequences where they were; one transaction, so a failure leaves the
     * schema as it was. {@code afterLoad} runs in the same transaction (e.g. to move volume paths).
     */
    public static void load(Connection connection, BackupReader.VerifiedBackup backup, SqlStep afterLoad)
            throws SQLException, IOException {
        String version = schemaVersion(connection);
        if (!version.equals(backup.manifest().schemaVersion())) {
            throw new SQLException("the database is at migration " + version + ", the backup at "
                    + backup.manifest().schemaVersion());
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<String> order = loadingOrder(connection);
            for (int i = order.size() - 1; i >= 0; i--) {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("DELETE FROM " + quoted(order.get(i)));
                }
            }
            for (BackupManifest.Table table : backup.manifest().tables()) {
                if (!order.contains(table.name())) {
                    throw new SQLException("the backup holds table " + table.name() + ", which this schema does not have");
                }
                long loaded = loadTable(connection, table.name(), backup);
                if (loaded != table.rows()) {
                    throw new SQLException(table.name() + ": " + loaded + " rows loaded, the manifest lists " + table.rows());
                }
            }
            try (JsonReader reader = Json.createReader(Files.newInputStream(backup.entry(SEQUENCES)));
                 PreparedStatement setval = connection.prepareStatement("SELECT setval(?::regclass, ?, ?)")) {
                JsonObject sequences = reader.readObject();
                for (Map.Entry<String, JsonValue> sequence : sequences.entrySet()) {
                    setval.setString(1, quoted(sequence.getKey()));
                    boolean called = sequence.getValue().getValueType() == JsonValue.ValueType.NUMBER;
                    setval.setLong(2, called ? sequences.getJsonNumber(sequence.getKey()).longValue() : 1);
                    setval.setBoolean(3, called);
                    setval.executeQuery().close();
                }
            }
            afterLoad.run(connection);
            connection.commit();
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Work done inside the loading transaction. */
    @FunctionalInterface
    public interface SqlStep {
        void run(Connection connection) throws SQLException;
    }

    private static long loadTable(Connection connection, String table, BackupReader.VerifiedBackup backup)
            throws SQLException, IOException {
        String entry = backup.manifest().tables().stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow().entry();
        String sql = "INSERT INTO " + quoted(table) + " OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::"
                + quoted(table) + ", ?::json)";
        long rows = 0;
        try (BufferedReader reader = Files.newBufferedReader(backup.entry(entry), StandardCharsets.UTF_8);
             PreparedStatement insert = connection.prepareStatement(sql)) {
            StringBuilder batch = new StringBuilder();
            int inBatch = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                batch.append(inBatch == 0 ? "[" : ",").append(line);
                inBatch++;
                rows++;
                if (inBatch == ROWS_PER_INSERT) {
                    insert(insert, batch);
                    inBatch = 0;
                }
            }
            if (inBatch > 0) {
                insert(insert, batch);
            }
        }
        return rows;
    }

    private static void insert(PreparedStatement insert, StringBuilder batch) throws SQLException {
        insert.setString(1, batch.append(']').toString());
        insert.executeUpdate();
        batch.setLength(0);
    }

    /**
     * The schema's tables (without Flyway's), every table after the tables it references, by name
     * where the references leave a choice; a table referencing itself is not in this schema.
     */
    static List<String> loadingOrder(Connection connection) throws SQLException {
        Map<String, Set<String>> references = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
            while (rs.next()) {
                if (!MIGRATION_HISTORY.equals(rs.getString(1))) {
                    references.put(rs.getString(1), new TreeSet<>());
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT c.relname, r.relname FROM pg_constraint k "
                     + "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE k.contype = 'f' AND n.nspname = current_schema()")) {
            while (rs.next()) {
                if (rs.getString(1).equals(rs.getString(2))) {
                    throw new SQLException("table " + rs.getString(1) + " references itself; the dump cannot order its rows");
                }
                references.get(rs.getString(1)).add(rs.getString(2));
            }
        }
        Set<String> ordered = new LinkedHashSet<>();
        Map<String, Set<String>> left = new LinkedHashMap<>(references);
        while (!left.isEmpty()) {
            List<String> ready = left.entrySet().stream().filter(e -> ordered.containsAll(e.getValue())).map(Map.Entry::getKey).toList();
            if (ready.isEmpty()) {
                throw new SQLException("the tables " + left.keySet() + " reference each other in a circle");
            }
            ready.forEach(t -> {
                ordered.add(t);
                left.remove(t);
            });
        }
        return List.copyOf(ordered);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
