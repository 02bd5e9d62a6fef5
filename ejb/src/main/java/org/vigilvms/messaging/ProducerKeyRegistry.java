package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.jms.envelope.EnvelopeVerifier;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Registry of message producers and their public keys. A node's own services register their keys
 * at start as {@link OwnKeyPolicy} allows (by themselves only on the installation's first node,
 * otherwise as requests an administrator approves); services on hosts outside the cluster are
 * enrolled by an administrator ({@link ProducerEnrolment}). A revoked key verifies nothing.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
@LocalBean
public class ProducerKeyRegistry implements EnvelopeVerifier.ProducerKeys {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private NodeRoles roles;

    /**
     * Registers or asks approval for the keys of this node's own services, as {@link OwnKeyPolicy}
     * decides, in one transaction that locks the registry (two nodes starting together never both
     * count as the installation's first). Returns what was decided for each producer; for
     * {@code REPLACE_REVOKED} nothing was written: the node makes a new key and calls again. The
     * first start is a management node's that finds no key of any node's in-server services in the
     * registry. A node without the management role is never the first: the management node made
     * the schema before it, and that node's database role may read the registry, not lock or change it.
     */
    public Map<String, OwnKeyPolicy.Decision> registerOwn(Map<String, PublicKey> keys) {
        boolean firstNode = roles.has(NodeRole.MANAGEMENT) && noNodeRegistered();
        Map<String, OwnKeyPolicy.Decision> decisions = new LinkedHashMap<>();
        for (Map.Entry<String, PublicKey> own : keys.entrySet()) {
            String producer = own.getKey();
            byte[] encoded = own.getValue().getEncoded();
            ServiceKey existing = em.find(ServiceKey.class, producer);
            OwnKeyPolicy.Decision decision = OwnKeyPolicy.decide(Optional.ofNullable(existing)
                    .map(k -> new OwnKeyPolicy.Registered(k.getPublicKey(), k.getRevokedTs() != null)), encoded, firstNode);
            decisions.put(producer, decision);
            String fingerprint = ServiceKeyring.fingerprint(encoded);
            switch (decision) {
                case REGISTER -> {
                    em.persist(new ServiceKey(producer, EnvelopeSigner.ALGORITHM, encoded, clock.instant()));
                    audit.record(producer, "producer.key.registered", producer, AuditEvent.Outcome.SUCCESS,
                            fingerprint + " (the installation's first node)");
                    VigilLog.LOG.producerKeyRegistered(producer, fingerprint);
                }
                case REQUEST_APPROVAL -> requestApproval(producer, encoded, fingerprint);
                case KEEP, REPLACE_REVOKED -> {
                    // nothing to write: valid already, or the node makes a new key first
                }
            }
        }
        return decisions;
    }

    /** Locks the registry until the transaction ends and tells whether no node has a key in it yet. */
    private boolean noNodeRegistered() {
        em.createNativeQuery("LOCK TABLE service_key IN SHARE ROW EXCLUSIVE MODE").executeUpdate();
        return em.createQuery("SELECT count(k) FROM ServiceKey k WHERE k.producer LIKE :management "
                        + "OR k.producer LIKE :recorder OR k.producer LIKE :storage OR k.producer LIKE :analytics", Long.class)
                .setParameter("management", ServiceIdentity.MANAGEMENT.principal() + "@%")
                .setParameter("recorder", ServiceIdentity.RECORDER.principal() + "@%")
                .setParameter("storage", ServiceIdentity.STORAGE.principal() + "@%")
                .setParameter("analytics", ServiceIdentity.ANALYTICS.principal() + "@%")
                .getSingleResult() == 0;
    }

    /** Files (or renews) the request; audited once per key asked for, logged at every start it waits. */
    private void requestApproval(String producer, byte[] encoded, String fingerprint) {
        ProducerKeyRequest request = em.find(ProducerKeyRequest.class, producer);
        boolean newKey = request == null || !Arrays.equals(request.getPublicKey(), encoded);
        if (request == null) {
            em.persist(new ProducerKeyRequest(producer, EnvelopeSigner.ALGORITHM, encoded, clock.instant()));
        } else if (newKey) {
            request.renew(encoded, clock.instant());
        }
        if (newKey) {
            audit.record(producer, "producer.key.requested", producer, AuditEvent.Outcome.SUCCESS, fingerprint);
        }
        VigilLog.LOG.producerKeyAwaitsApproval(producer, fingerprint);
    }

    @Override
    public Optional<PublicKey> publicKeyOf(String producer) {
        ServiceKey key = em.find(ServiceKey.class, producer);
        if (key == null || key.getRevokedTs() != null) {
            return Optional.empty();
        }
        if (DECODED.size() > 1024) {
            DECODED.clear(); // keys replaced many times over: start again rather than grow
        }
        return Optional.ofNullable(DECODED.computeIfAbsent(List.of(key.getAlgorithm(),
                ByteBuffer.wrap(key.getPublicKey())), k -> decode(key)));
    }

    /**
     * Keys decoded once: every message asks for its producer's key, and the registry row (looked
     * up each time, so a revocation counts at once) holds only its encoding.
     */
    private static final ConcurrentHashMap<List<Object>, PublicKey> DECODED =
            new ConcurrentHashMap<>();

    private static PublicKey decode(ServiceKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getPublicKey()));
        } catch (GeneralSecurityException e) {
            return null; // not cached: computeIfAbsent keeps nothing for null
        }
    }
}
