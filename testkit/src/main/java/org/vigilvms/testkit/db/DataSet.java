package org.vigilvms.testkit.db;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a database's {@code public} schema as text, for a fixture kept in the repository: one
 * line per row, {@code {"table":"camera","row":{...}}}, the row as PostgreSQL renders it
 * ({@code row_to_json}) and read back through {@code json_populate_record}, so that each column
 * passes through its own type's output and input functions (timestamps, {@code bytea}, arrays)
 * unchanged. The schema is not in it: whoever loads a data set first creates the schema it was
 * taken from (the migrations up to the version in its {@code flyway_schema_history} rows). The
 * row codec is the one of the backup's {@code DatabaseDump}; a data set differs in keeping Flyway's
 * history (the checksums a later migration validates) and in being plain text in the repository
 * rather than an entry of a signed, encrypted backup.
 */
public final class DataSet {

    private DataSet() {
    }

    /** Writes every row of every table of {@code public}, tables and rows in a stable order; returns the rows. */
    public static int dump(Connection db, Path file) throws SQLException, IOException {
        int rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String table : tables(db)) {
                try (Statement s = db.createStatement();
                     ResultSet rs = s.executeQuery("SELECT row_to_json(t)::text FROM " + quote(table) + " t ORDER BY "
                             + orderOf(db, table))) {
                    while (rs.next()) {
                        out.write(Json.createObjectBuilder().add("table", table)
                                .add("row", Json.createReader(new StringReader(rs.getString(1))).readObject()).build().toString());
                        out.write('\n');
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    /**
     * Replaces the rows of the tables the data set names with its rows, as a superuser (foreign keys
     * and triggers are not checked while it loads: the rows were consistent when taken), then moves
     * each sequence past the highest value its column holds. Returns the rows loaded.
     */
    public static int load(Connection superuser, Path file) throws SQLException, IOException {
        List<JsonObject> rows = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    JsonObject row = Json.createReader(new StringReader(line)).readObject();
                    rows.add(row);
                    tables.add(row.getString("table"));
                }
            }
        }
        boolean autoCommit = superuser.getAutoCommit();
        superuser.setAutoCommit(false);
        try (Statement s = superuser.createStatement()) {
            s.execute("SET LOCAL session_replication_role = replica");
            for (String table : tables) {
                s.execute("DELETE FROM " + quote(table));
            }
            for (JsonObject row : rows) {
                String table = quote(row.getString("table"));
                try (PreparedStatement insert = superuser.prepareStatement("INSERT INTO " + table + " OVERRIDING SYSTEM VALUE"
                        + " SELECT * FROM json_populate_record(NULL::" + table + ", ?::json)")) {
                    insert.setString(1, row.getJsonObject("row").toString());
                    insert.executeUpdate();
                }
            }
            resetSequences(superuser);
            superuser.commit();
        } catch (SQLException e) {
            superuser.rollback();
            throw e;
        } finally {
            superuser.setAutoCommit(autoCommit);
        }
        return rows.size();
    }

    private static List<String> tables(Connection db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** The table's primary key columns, or all of its columns when it has none. */
    private static String orderOf(Connection db, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary "
                + "ORDER BY array_position(i.indkey, a.attnum)")) {
            q.setString(1, "public." + quote(table));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    columns.add(quote(rs.getString(1)));
                }
            }
        }
        if (columns.isEmpty()) {
            for (int i = 1; i <= columnCount(db, table); i++) {
                columns.add(String.valueOf(i));
            }
        }
        return String.join(", ", columns);
    }

    private static int columnCount(Connection db, String table) throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quote(table) + " LIMIT 0")) {
            return rs.getMetaData().getColumnCount();
        }
    }

    private static void resetSequences(Connection db) throws SQLException {
        List<String[]> owned = new ArrayList<>();
        try (Statement s = db.createStatement();
             ResultSet rs = s.executeQuery("SELECT seq.relname, tab.relname, col.attname FROM pg_class seq "
                     + "JOIN pg_depend d ON d.objid = seq.oid AND d.deptype IN ('a', 'i') "
                     + "JOIN pg_class tab ON tab.oid = d.refobjid "
                     + "JOIN pg_attribute col ON col.attrelid = tab.oid AND col.attnum = d.refobjsubid "
                     + "JOIN pg_namespace n ON n.oid = seq.relnamespace "
                     + "WHERE seq.relkind = 'S' AND n.nspname = 'public'")) {
            while (rs.next()) {
                owned.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        for (String[] sequence : owned) {
            try (Statement s = db.createStatement()) {
                s.execute("SELECT setval('public." + quote(sequence[0]) + "', COALESCE((SELECT max(" + quote(sequence[2])
                        + ") FROM " + quote(sequence[1]) + "), 0) + 1, false)");
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
