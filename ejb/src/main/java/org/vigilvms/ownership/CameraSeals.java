package org.vigilvms.ownership;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.keys.NodeSeal;
import org.vigilvms.keys.SealCertificates;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.ServerSigningKey;

/**
 * The management node's half of "camera credentials reach a recorder sealed for that node only"
 * (X.1453 storage server, issue 18): for every camera whose owner published a sealing certificate
 * ({@code recorder_node.seal_certificate}), it opens the camera's password and data key with the
 * master key and seals them for that certificate's key alone ({@link NodeSeal}), after checking
 * that the installation's CA issued the certificate for that node ({@link SealCertificates}). A
 * refused certificate is logged and audited once. Seals follow the owner: a node that lost a
 * camera a minute ago loses its seal (the minute lets it finish the segment it was handing over).
 * A changed password, or a new node key, is sealed again.
 */
@PermitAll // internal service: called by the ownership planner only
@Singleton
public class CameraSeals {

    private static final String ACTOR = CameraOwnership.ACTOR;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** Certificates (node + SHA-256) refused already: audited once, not every second. */
    private final Set<String> refused = new HashSet<>();

    /** Seals what the owners that want seals lack, and drops seals of former owners; returns how many were sealed. */
    public int sealForOwners() {
        em.createNativeQuery("""
                DELETE FROM camera_seal s WHERE NOT EXISTS (SELECT 1 FROM camera_owner o WHERE o.camera_id = s.camera_id
                   AND (o.node = s.node OR o.since > now() - interval '60 seconds'))""").executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> wanting = em.createNativeQuery("""
                SELECT o.camera_id, o.node, n.seal_certificate, c.password_ciphertext, c.data_key_wrapped
                  FROM camera_owner o
                  JOIN recorder_node n ON n.node = o.node AND n.seal_certificate IS NOT NULL
                  JOIN camera c ON c.id = o.camera_id
                  LEFT JOIN camera_seal s ON s.camera_id = o.camera_id AND s.node = o.node
                 WHERE s.camera_id IS NULL
                    OR s.sealed_from <> sha256(coalesce(c.password_ciphertext, ''::bytea) || c.data_key_wrapped)
                    OR s.certificate_sha256 <> sha256(n.seal_certificate)
                 ORDER BY o.camera_id""").getResultList();
        if (wanting.isEmpty()) {
            return 0;
        }
        X509Certificate ca = ServerSigningKey.certificateAuthority().certificate();
        KeyVault vault = KeyVault.fromSystemProperty();
        int sealed = 0;
        for (Object[] row : wanting) {
            long cameraId = ((Number) row[0]).longValue();
            String node = (String) row[1];
            byte[] certificate = (byte[]) row[2];
            Optional<String> problem = SealCertificates.problem(certificate, ca, node, clock.instant());
            if (problem.isPresent()) {
                refuse(node, certificate, problem.get());
                continue;
            }
            seal(cameraId, node, publicKey(certificate), (byte[]) row[3], (byte[]) row[4], vault, certificate);
            sealed++;
        }
        return sealed;
    }

    private void seal(long cameraId, String node, PublicKey nodeKey, byte[] passwordCiphertext, byte[] dataKeyWrapped,
                      KeyVault vault, byte[] certificate) {
        byte[] dataKey = vault.openWithMaster(dataKeyWrapped, CameraKeys.dataKeyAad(cameraId));
        byte[] password = passwordCiphertext == null ? null : vault.openWithMaster(passwordCiphertext, CameraKeys.passwordAad(cameraId));
        try {
            em.createNativeQuery("""
                    INSERT INTO camera_seal (camera_id, node, password_sealed, data_key_sealed, sealed_from, certificate_sha256, sealed_ts)
                    VALUES (?1, ?2, NULLIF(CAST(?3 AS bytea), ''::bytea), ?4, sha256(CAST(?5 AS bytea) || CAST(?6 AS bytea)),
                            sha256(CAST(?7 AS bytea)), now())
                    ON CONFLICT (camera_id, node) DO UPDATE SET password_sealed = excluded.password_sealed,
                        data_key_sealed = excluded.data_key_sealed, sealed_from = excluded.sealed_from,
                        certificate_sha256 = excluded.certificate_sha256, sealed_ts = excluded.sealed_ts""")
                    .setParameter(1, cameraId).setParameter(2, node)
                    .setParameter(3, password == null ? new byte[0]
                            : NodeSeal.seal(nodeKey, password, CameraKeys.sealedPasswordAad(cameraId, node)))
                    .setParameter(4, NodeSeal.seal(nodeKey, dataKey, CameraKeys.sealedDataKeyAad(cameraId, node)))
                    .setParameter(5, passwordCiphertext == null ? new byte[0] : passwordCiphertext)
                    .setParameter(6, dataKeyWrapped).setParameter(7, certificate).executeUpdate();
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }
        VigilLog.LOG.cameraSealed(cameraId, node);
    }

    private void refuse(String node, byte[] certificate, String problem) {
        if (refused.add(node + "/" + HexFormat.of().formatHex(sha256(certificate)))) {
            VigilLog.LOG.sealCertificateRefused(node, problem);
            audit.record(ACTOR, "camera.seal.refused", "node:" + node, AuditEvent.Outcome.REJECTED,
                    "sealing certificate " + HexFormat.of().formatHex(sha256(certificate)) + " refused: " + problem);
        }
    }

    private static PublicKey publicKey(byte[] certificate) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(certificate)).getPublicKey();
        } catch (CertificateException e) {
            throw new IllegalStateException("a checked certificate no longer parses", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
