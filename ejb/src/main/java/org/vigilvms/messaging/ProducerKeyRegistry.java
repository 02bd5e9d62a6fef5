package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.jms.envelope.EnvelopeVerifier;

/**
 * Registry of message producers and their public keys. In-server services register themselves at
 * start; producers on other hosts are enrolled by an administrator ({@link ProducerEnrolment}). A
 * revoked key verifies nothing.
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

    public void register(String producer, PublicKey key) {
        byte[] encoded = key.getEncoded();
        ServiceKey existing = em.find(ServiceKey.class, producer);
        if (existing == null) {
            em.persist(new ServiceKey(producer, EnvelopeSigner.ALGORITHM, encoded, clock.instant()));
            audit.record("system", "producer.key.registered", producer, AuditEvent.Outcome.SUCCESS,
                    ServiceKeyring.fingerprint(key));
        } else if (!Arrays.equals(existing.getPublicKey(), encoded) || existing.getRevokedTs() != null) {
            existing.replace(encoded, clock.instant());
            audit.record("system", "producer.key.replaced", producer, AuditEvent.Outcome.SUCCESS,
                    ServiceKeyring.fingerprint(key));
        }
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
        return Optional.ofNullable(DECODED.computeIfAbsent(java.util.List.of(key.getAlgorithm(),
                java.nio.ByteBuffer.wrap(key.getPublicKey())), k -> decode(key)));
    }

    /**
     * Keys decoded once: every message asks for its producer's key, and the registry row (looked
     * up each time, so a revocation counts at once) holds only its encoding.
     */
    private static final java.util.concurrent.ConcurrentHashMap<java.util.List<Object>, PublicKey> DECODED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static PublicKey decode(ServiceKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getPublicKey()));
        } catch (GeneralSecurityException e) {
            return null; // not cached: computeIfAbsent keeps nothing for null
        }
    }
}
