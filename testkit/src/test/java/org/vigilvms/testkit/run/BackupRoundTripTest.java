package org.vigilvms.testkit.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigilvms.backup.archive.BackupRefusedException;
import org.vigilvms.backup.archive.BackupWriter;
import org.vigilvms.backup.archive.DatabaseDump;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.VigilHome;

/**
 * The database part of a backup and the single box's restore, against real PostgreSQL: what one
 * installation wrote (identity keys, bytes, instants, nulls, a volume inside its folder) comes back
 * in a fresh folder with its own embedded database, the sequences go on after the restored rows,
 * paths move to the new folder, and a folder that holds an installation is refused untouched.
 */
class BackupRoundTripTest {

    private static final char[] PASSWORD = "round trip backup pw".toCharArray();

    @TempDir
    Path dir;

    @Test
    void aBackupOfOneInstallationRestoresIntoAFreshFolderAndDatabase() throws Exception {
        VigilHome siteA = new VigilHome(dir.resolve("site-a"));
        Path backup = dir.resolve("a.vigil-backup");
        Instant at = Instant.parse("2026-12-03T10:15:30.123456Z");
        byte[] key = new byte[48];
        Arrays.fill(key, (byte) 0xA5);
        long cameraId;
        try (LocalInstallation a = LocalInstallation.open(siteA, null, 0)) {
            Flyway.configure().dataSource(a.databaseUrl(), "vigil", a.secrets().require(ServerSetup.DB_PASSWORD))
                    .locations("classpath:db/migration").load().migrate();
            try (Connection c = a.connect()) {
                cameraId = insertCamera(c, "gate", key, at);
                insertCamera(c, "dock", key, at);
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DELETE FROM camera WHERE name = 'dock'"); // the next id is not max(id) + 1
                    s.executeUpdate("INSERT INTO storage_volume (name, path) VALUES ('second', '" + siteA.root() + "/volume-2')");
                }
            }
            try (OutputStream out = Files.newOutputStream(backup); Connection c = a.connect()) {
                BackupWriter writer = BackupWriter.open(out, PASSWORD);
                writer.addFile("home/secrets/vigil-server.properties", siteA.serverProperties());
                writer.addFile("home/secrets/vigil.cs", siteA.credentialStore());
                writer.addFile("home/secrets/master.key", siteA.masterKey());
                for (Path f : List.of(siteA.caKeyStore(), siteA.caCertificatePem(), siteA.signingKeyStore(), siteA.serverKeyStore(),
                        siteA.trustStore())) {
                    writer.addFile("home/tls/" + f.getFileName(), f);
                }
                DatabaseDump.Dumped dumped = DatabaseDump.dump(c, writer);
                KeyStore signing = KeyStore.getInstance("PKCS12");
                char[] storePassword = a.secrets().require(ServerSetup.SIGNING_KEYSTORE).toCharArray();
                try (var in = Files.newInputStream(siteA.signingKeyStore())) {
                    signing.load(in, storePassword);
                }
                List<X509Certificate> chain = Arrays.stream(signing.getCertificateChain("signing")).map(X509Certificate.class::cast).toList();
                writer.finish("test", dumped.schemaVersion(), siteA.root().toString(), dumped.tables(), List.of(),
                        (PrivateKey) signing.getKey("signing", storePassword), chain, ca(siteA));
            }
        }

        BackupRefusedException occupied = assertThrows(BackupRefusedException.class,
                () -> LocalInstallation.restore(siteA, null, 0, backup, PASSWORD, ca(siteA)));
        assertEquals(BackupRefusedException.Reason.TARGET_NOT_EMPTY, occupied.reason());

        VigilHome siteB = new VigilHome(dir.resolve("site-b"));
        try (LocalInstallation b = LocalInstallation.restore(siteB, null, 0, backup, PASSWORD, ca(siteA))) {
            assertFalse(b.firstRun(), "the restored folder is an installation, not a new one");
            assertArrayEquals(Files.readAllBytes(siteA.masterKey()), Files.readAllBytes(siteB.masterKey()));
            Properties props = new Properties();
            try (var in = Files.newInputStream(siteB.serverProperties())) {
                props.load(in);
            }
            assertEquals(siteB.root().toString(), props.getProperty("vigil.home"));
            assertEquals(b.databaseUrl(), props.getProperty("vigil.db.url"));
            try (Connection c = b.connect(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT id, name, data_key_wrapped, status_since_ts, password_ciphertext "
                        + "FROM camera ORDER BY id")) {
                    rs.next();
                    assertEquals(cameraId, rs.getLong(1));
                    assertEquals("gate", rs.getString(2));
                    assertArrayEquals(key, rs.getBytes(3));
                    assertEquals(at, rs.getTimestamp(4).toInstant());
                    assertEquals(null, rs.getBytes(5));
                    assertFalse(rs.next(), "the deleted camera stays deleted");
                }
                try (ResultSet rs = s.executeQuery("SELECT path FROM storage_volume WHERE name = 'second'")) {
                    rs.next();
                    assertEquals(siteB.root() + "/volume-2", rs.getString(1), "a volume inside the folder moved with it");
                }
                assertEquals(cameraId + 2, insertCamera(c, "new gate", key, at), "identity values go on after the restored ones");
            }
        }
    }

    private static X509Certificate ca(VigilHome home) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(home.caCertificatePem())));
    }

    private static long insertCamera(Connection c, String name, byte[] key, Instant since) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO camera (name, stream_url, data_key_wrapped, status_since_ts) "
                + "VALUES (?, 'rtsps://192.0.2.7/main', ?, ?) RETURNING id")) {
            s.setString(1, name);
            s.setBytes(2, key);
            s.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
