package org.vigilvms.storage;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.vigilvms.audit.SiemForwarder;
import org.vigilvms.platform.AfterCompletion;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.platform.ServerSigningKey;

/**
 * Every few seconds, signs the newest link of each camera's hash chain that grew since its last
 * signed head. Between two heads an attacker with database access could at most rewrite the
 * links added since the last one; everything older is pinned by a signature they cannot make.
 * Each head also goes to the SIEM once committed ({@link SiemForwarder}): removing the newest
 * links together with their heads from the server still leaves the SIEM's copy to compare with.
 */
@PermitAll // internal service: timer only
@Singleton
public class ChainHeadSigner {

    @Inject
    private NodeRoles roles;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private SiemForwarder siem;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private SessionContext context;

    /**
     * Each camera in a transaction of its own: a head's row locks its camera's row (the foreign
     * key), and sealing locks the cameras of a batch in its own order, so one transaction over all
     * cameras could wait on sealing while sealing waits on it (a deadlock, seen under load).
     */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "sign chain heads")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void signHeads() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        for (long cameraId : em.createQuery("SELECT c.id FROM Camera c ORDER BY c.id", Long.class).getResultList()) {
            context.getBusinessObject(ChainHeadSigner.class).signNewest(cameraId);
        }
    }

    /** Signs the camera's newest link unless it is signed already. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void signNewest(long cameraId) {
        List<Segment> newest = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :c ORDER BY s.chainSeq DESC",
                Segment.class).setParameter("c", cameraId).setMaxResults(1).getResultList();
        if (newest.isEmpty()) {
            return;
        }
        Segment head = newest.get(0);
        List<Long> signed = em.createQuery("SELECT max(h.chainSeq) FROM ChainHead h WHERE h.cameraId = :c", Long.class)
                .setParameter("c", cameraId).getResultList();
        if (!signed.isEmpty() && signed.get(0) != null && signed.get(0) >= head.getChainSeq()) {
            return;
        }
        ChainHead signedHead = sign(cameraId, head.getChainSeq(), head.getChainHash(), clock.instant());
        em.persist(signedHead);
        AfterCompletion.onCommit(transactions, () -> siem.chainHead("camera:" + cameraId, signedHead.getChainSeq(),
                signedHead.getChainHash(), signedHead.getSignedTs(), signedHead.getSignature(), signedHead.getSignerSha256()));
    }

    static ChainHead sign(long cameraId, long chainSeq, byte[] chainHash, Instant at) {
        ServerSigningKey key = ServerSigningKey.installation();
        Instant signedAt = Instant.ofEpochMilli(at.toEpochMilli()); // the statement has ms precision
        byte[] statement = SegmentCrypto.chainHeadStatement(cameraId, chainSeq, chainHash, signedAt);
        return new ChainHead(cameraId, chainSeq, chainHash, signedAt, key.certificateSha256(), key.sign(statement));
    }
}
