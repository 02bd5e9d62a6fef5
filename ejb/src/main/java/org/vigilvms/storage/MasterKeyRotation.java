package org.vigilvms.storage;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import javax.crypto.SecretKey;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.keys.MasterKeys;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.Reauthentication;
import org.vigilvms.security.UserTotp;

/**
 * Rotates the installation master key while the server runs: a new key, every value the old one
 * sealed (each camera's data key and password, each second-factor secret) opened and sealed again
 * under the new one in one transaction, no segment touched (segments stay sealed with their
 * cameras' data keys, which do not change). A local administrator does it, after giving their
 * password again; audited.
 *
 * <p>Crash safety: the new key is kept where the keys are ({@link MasterKeys}: a synced
 * {@code <master key file>.next}, or a new object in the PKCS#11 token) before any row changes,
 * and the old key goes only after the transaction committed. While the rotation runs, the tables
 * it re-wraps are locked against writers and the vault opens with both keys; from the commit on
 * it seals with the new key. If the server stops between the commit and retiring the old key, or
 * the transaction rolls back, both keys stay (the vault opens with either) and the next rotation
 * adopts the new key and finishes.
 */
@PermitAll // authorization per call: a local administrator, with the password again
@Stateless
public class MasterKeyRotation {

    /** What was re-wrapped. */
    public record Rotated(int cameras, int secondFactors) {
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private Reauthentication reauthentication;

    @Inject
    private AuditLog audit;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    public Rotated rotate(String password) {
        access.requireLocalAdministrator("keys", "rotate the master key");
        String caller = access.caller().name();
        reauthentication.require(caller, password, "master.key.rotation.refused", "rotate the master key");
        em.createNativeQuery("LOCK TABLE camera, user_totp IN SHARE ROW EXCLUSIVE MODE").executeUpdate(); // no writer seals meanwhile
        MasterKeys keys = MasterKeys.installation();
        KeyVault before = KeyVault.fromSystemProperty();
        SecretKey next = keys.next();
        SecretKey old = before.master();
        KeyVault underNext = before.with(next, null);
        KeyVault.install(before.with(old, next));
        int cameras = 0;
        for (Object[] row : rows("SELECT id, data_key_wrapped, password_ciphertext FROM camera")) {
            long id = ((Number) row[0]).longValue();
            byte[] dataKey = resealed(underNext, (byte[]) row[1], CameraKeys.dataKeyAad(id));
            em.createNativeQuery("UPDATE camera SET data_key_wrapped = ?1 WHERE id = ?2").setParameter(1, dataKey).setParameter(2, id)
                    .executeUpdate();
            if (row[2] != null) {
                em.createNativeQuery("UPDATE camera SET password_ciphertext = ?1 WHERE id = ?2")
                        .setParameter(1, resealed(underNext, (byte[]) row[2], CameraKeys.passwordAad(id))).setParameter(2, id).executeUpdate();
            }
            cameras++;
        }
        int secondFactors = 0;
        for (Object[] row : rows("SELECT username, secret_sealed FROM user_totp")) {
            String user = (String) row[0];
            em.createNativeQuery("UPDATE user_totp SET secret_sealed = ?1 WHERE username = ?2")
                    .setParameter(1, resealed(underNext, (byte[]) row[1], UserTotp.sealingAad(user))).setParameter(2, user).executeUpdate();
            secondFactors++;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                KeyVault.install(before.with(next, old)); // writers waiting on the lock seal with the new key
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    KeyVault.install(before.with(old, next)); // nothing changed; the next key stays for the next try
                    return;
                }
                keys.finish(next);
            }
        });
        audit.record(caller, "master.key.rotated", "keys", AuditEvent.Outcome.SUCCESS, cameras + " camera(s) and " + secondFactors
                + " second factor(s) re-wrapped under the new master key; no segment rewritten");
        return new Rotated(cameras, secondFactors);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private static byte[] resealed(KeyVault underNext, byte[] sealed, byte[] associatedData) {
        return underNext.sealWithMaster(KeyVault.fromSystemProperty().openWithMaster(sealed, associatedData), associatedData);
    }
}
