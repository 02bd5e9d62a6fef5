package org.vigilvms.messaging;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.EnrolmentProof;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * Enrolment and revocation of the signing keys of services on other nodes (MANAGE_USERS,
 * audited), so that no one registers a producer by writing to the database. A remote producer is
 * named {@code <service>@<node>} after one of the services a node may run (never the management
 * service, and never a bare service name: those are this server's own keys, registered at start);
 * its key is an Ed25519 public key in PEM, and the request proves possession of the private half
 * ({@link EnrolmentProof}). A revoked key verifies nothing from the next message on.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class ProducerEnrolment {

    /** A producer key as listed (the services of this server included). */
    public record ProducerKeyView(String producer, String fingerprint, boolean remote, Instant registeredAt, String enrolledBy,
                                  Instant revokedAt, String revokedBy, String revocationReason) {
        static ProducerKeyView of(ServiceKey key) {
            return new ProducerKeyView(key.getProducer(), ServiceKeyring.fingerprint(key.getPublicKey()), key.getProducer().contains("@"),
                    key.getRegisteredTs(), key.getEnrolledBy(), key.getRevokedTs(), key.getRevokedBy(), key.getRevocationReason());
        }
    }

    /** The services a node other than the management server may run, as producer name prefixes. */
    static final List<String> REMOTE_SERVICES = List.of(ServiceIdentity.RECORDER.principal(), ServiceIdentity.STORAGE.principal(),
            ServiceIdentity.ANALYTICS.principal());
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");
    private static final int MAX_PEM_CHARS = 4096;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    public List<ProducerKeyView> list() {
        access.require(AccessRight.MANAGE_USERS);
        return em.createQuery("SELECT k FROM ServiceKey k ORDER BY k.producer", ServiceKey.class).getResultList().stream()
                .map(ProducerKeyView::of).toList();
    }

    /**
     * Registers {@code publicKeyPem} as the key of the remote producer {@code producer}, after
     * checking {@code proofBase64} (its private half's signature over the producer's name). A
     * producer already holding a key must be revoked first; a revoked key never comes back.
     */
    public ProducerKeyView enrol(String producer, String publicKeyPem, String proofBase64) {
        access.require(AccessRight.MANAGE_USERS);
        String name = remoteProducer(producer);
        PublicKey key = publicKey(publicKeyPem);
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(proofBase64 == null ? "" : proofBase64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("proof must be Base64");
        }
        if (!EnrolmentProof.verify(key, name, proof)) {
            throw new InvalidRequestException("the proof is not a signature of this key over the producer's name");
        }
        String caller = access.caller().name();
        ServiceKey existing = em.find(ServiceKey.class, name);
        if (existing != null && existing.getRevokedTs() == null) {
            throw new InvalidRequestException(name + " holds a key already: revoke it first");
        }
        if (existing != null && Arrays.equals(existing.getPublicKey(), key.getEncoded())) {
            throw new InvalidRequestException("this key was revoked: enrol a new one");
        }
        Instant now = clock.instant();
        ServiceKey enrolled;
        if (existing == null) {
            enrolled = new ServiceKey(name, EnvelopeSigner.ALGORITHM, key.getEncoded(), now);
            enrolled.enrol(key.getEncoded(), caller, now);
            em.persist(enrolled);
        } else {
            existing.enrol(key.getEncoded(), caller, now);
            enrolled = existing;
        }
        audit.record(caller, "producer.key.enrolled", name, AuditEvent.Outcome.SUCCESS, ServiceKeyring.fingerprint(key));
        return ProducerKeyView.of(enrolled);
    }

    /** Revokes a remote producer's key at once, with a reason. */
    public ProducerKeyView revoke(String producer, String reason) {
        access.require(AccessRight.MANAGE_USERS);
        String name = remoteProducer(producer);
        ServiceKey key = em.find(ServiceKey.class, name);
        if (key == null) {
            throw new InvalidRequestException("no key enrolled for " + name);
        }
        if (reason == null || reason.isBlank() || reason.length() > 512) {
            throw new InvalidRequestException("a reason is required (at most 512 characters)");
        }
        if (key.getRevokedTs() == null) {
            String caller = access.caller().name();
            key.revoke(caller, clock.instant(), reason.trim());
            audit.record(caller, "producer.key.revoked", name, AuditEvent.Outcome.SUCCESS, reason.trim());
        }
        return ProducerKeyView.of(key);
    }

    /** {@code producer} when it names a service a remote node may run, on a node; otherwise refused. */
    static String remoteProducer(String producer) {
        String name = producer == null ? "" : producer.trim();
        int at = name.indexOf('@');
        if (at < 0 || !REMOTE_SERVICES.contains(name.substring(0, at)) || !NODE.matcher(name.substring(at + 1)).matches()) {
            throw new InvalidRequestException("producer must be <service>@<node> with service one of " + String.join(", ", REMOTE_SERVICES)
                    + " and node 1-63 letters, digits, '.' or '-'");
        }
        return name;
    }

    /** An Ed25519 public key from PEM ({@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo). */
    static PublicKey publicKey(String pem) {
        if (pem == null || pem.isBlank() || pem.length() > MAX_PEM_CHARS) {
            throw new InvalidRequestException("publicKey must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
        }
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !"PUBLIC KEY".equals(object.getType())) {
                throw new InvalidRequestException("publicKey must be a PEM public key (-----BEGIN PUBLIC KEY-----)");
            }
            return KeyFactory.getInstance(EnvelopeSigner.ALGORITHM).generatePublic(new X509EncodedKeySpec(object.getContent()));
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidRequestException("publicKey is not an " + EnvelopeSigner.ALGORITHM + " public key");
        }
    }
}
