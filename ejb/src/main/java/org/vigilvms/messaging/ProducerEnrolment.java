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
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.envelope.EnrolmentProof;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.RefusedRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The administrator's hand on the producer key registry (MANAGE_USERS, audited), so that no one
 * registers a producer by writing to the database: enrolment of the keys of services on hosts
 * outside the cluster, approval of the keys the cluster's nodes ask for at start, and revocation
 * of any node's key. An enrolled producer is named {@code <service>@<node>} after one of the
 * services a node may run (never the management service); its key is an Ed25519 public key in
 * PEM, and the request proves possession of the private half ({@link EnrolmentProof}). A node's
 * request is approved by naming its key's fingerprint, as the node logged it ({@code VIGIL00427}).
 * A revoked key verifies nothing from the next message on, and never comes back.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class ProducerEnrolment {

    /** A producer key as listed; node-named keys (every node's, and services enrolled from outside) can be revoked. */
    public record ProducerKeyView(String producer, String fingerprint, boolean nodeNamed, Instant registeredAt, String enrolledBy,
                                  Instant revokedAt, String revokedBy, String revocationReason) {
        static ProducerKeyView of(ServiceKey key) {
            return new ProducerKeyView(key.getProducer(), ServiceKeyring.fingerprint(key.getPublicKey()), key.getProducer().contains("@"),
                    key.getRegisteredTs(), key.getEnrolledBy(), key.getRevokedTs(), key.getRevokedBy(), key.getRevocationReason());
        }
    }

    /** A node's key waiting for approval. */
    public record KeyRequestView(String producer, String fingerprint, Instant requestedAt) {
        static KeyRequestView of(ProducerKeyRequest request) {
            return new KeyRequestView(request.getProducer(), ServiceKeyring.fingerprint(request.getPublicKey()), request.getRequestedTs());
        }
    }

    /** The services a node other than the management server may run, as producer name prefixes. */
    static final List<String> REMOTE_SERVICES = List.of(ServiceIdentity.RECORDER.principal(), ServiceIdentity.STORAGE.principal(),
            ServiceIdentity.ANALYTICS.principal());
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
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

    /** The keys nodes asked for, oldest request first. */
    public List<KeyRequestView> requests() {
        access.require(AccessRight.MANAGE_USERS);
        return em.createQuery("SELECT r FROM ProducerKeyRequest r ORDER BY r.requestedTs, r.producer", ProducerKeyRequest.class)
                .getResultList().stream().map(KeyRequestView::of).toList();
    }

    /**
     * Approves the key {@code producer}'s node asked for, if its fingerprint is {@code fingerprint}
     * (the administrator compares it with the node's log): it verifies messages from now on, in place
     * of any key the producer had. A key once revoked is refused.
     */
    public ProducerKeyView approve(String producer, String fingerprint) {
        access.require(AccessRight.MANAGE_USERS);
        String name = nodeProducer(producer);
        ProducerKeyRequest request = em.find(ProducerKeyRequest.class, name);
        if (request == null) {
            throw new RefusedRequestException("no key of " + name + " waits for approval");
        }
        String caller = access.caller().name();
        String asked = ServiceKeyring.fingerprint(request.getPublicKey());
        if (fingerprint == null || !asked.equals(fingerprint.trim())) {
            audit.record(caller, "producer.key.approved", name, AuditEvent.Outcome.REJECTED,
                    "fingerprint " + fingerprint + " given, " + asked + " asked for");
            throw new RefusedRequestException("the key " + name + " asked for has another fingerprint: compare it with the node's log");
        }
        ServiceKey existing = em.find(ServiceKey.class, name);
        if (existing != null && existing.getRevokedTs() != null && Arrays.equals(existing.getPublicKey(), request.getPublicKey())) {
            throw new RefusedRequestException("this key was revoked: the node must make a new one");
        }
        Instant now = clock.instant();
        ServiceKey approved = existing;
        if (approved == null) {
            approved = new ServiceKey(name, EnvelopeSigner.ALGORITHM, request.getPublicKey(), now);
            approved.enrol(request.getPublicKey(), caller, now);
            em.persist(approved);
        } else {
            approved.enrol(request.getPublicKey(), caller, now);
        }
        em.remove(request);
        audit.record(caller, "producer.key.approved", name, AuditEvent.Outcome.SUCCESS, asked);
        return ProducerKeyView.of(approved);
    }

    /** Revokes a node's key at once, with a reason. */
    public ProducerKeyView revoke(String producer, String reason) {
        access.require(AccessRight.MANAGE_USERS);
        String name = nodeProducer(producer);
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
                    + " and node 1-64 letters, digits, '.', '_' or '-'");
        }
        return name;
    }

    /** {@code producer} when it names one of our services on a node; otherwise refused. */
    static String nodeProducer(String producer) {
        String name = producer == null ? "" : producer.trim();
        if (ProducerName.parse(name).flatMap(ProducerName::node).filter(node -> NODE.matcher(node).matches()).isEmpty()) {
            throw new InvalidRequestException("producer must be <service>@<node> with service one of "
                    + String.join(", ", Arrays.stream(ServiceIdentity.values()).map(ServiceIdentity::principal).toList())
                    + " and node 1-64 letters, digits, '.', '_' or '-'");
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
