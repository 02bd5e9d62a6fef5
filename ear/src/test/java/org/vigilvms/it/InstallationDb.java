package org.vigilvms.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.vigilvms.testkit.run.LocalInstallation;

/** SQL on an installation's database, as the tests' observer. */
record InstallationDb(LocalInstallation installation) {

    /** The first column of the first row {@code sql} selects, as a number (0 when there is none). */
    long count(String sql, Object... parameters) {
        try (Connection c = installation.connect(); PreparedStatement s = bound(c, sql, parameters)) {
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row {@code sql} selects, as text, in the rows' order. */
    List<String> texts(String sql, Object... parameters) {
        try (Connection c = installation.connect(); PreparedStatement s = bound(c, sql, parameters)) {
            List<String> texts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    texts.add(rs.getString(1));
                }
            }
            return texts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What PostgreSQL answers when {@code role} (signing in with {@code password}) runs {@code sql}:
     * the SQLSTATE of the error, or "" when it ran. Rolled back either way.
     */
    String stateAs(String role, String password, String sql) {
        try (Connection c = DriverManager.getConnection(installation.databaseUrl(), role, password)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(sql);
                return "";
            } catch (SQLException e) {
                return e.getSQLState();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(role + " cannot sign in to the database: " + e.getMessage(), e);
        }
    }

    private static PreparedStatement bound(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
        return s;
    }

    /** From the end of chain position {@code seq} of the camera to the start of the next one. */
    Duration gapAfter(long camera, long seq) {
        return Duration.ofMillis(count("""
                SELECT (extract(epoch FROM (n.start_ts - p.end_ts)) * 1000)::bigint
                  FROM segment p JOIN segment n ON n.camera_id = p.camera_id AND n.chain_seq = p.chain_seq + 1
                 WHERE p.camera_id = ? AND p.chain_seq = ?""", camera, seq));
    }
}
