package org.vigilvms.camera;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.Pem;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The CAs administrators trust for RTSPS cameras (MANAGE_CAMERAS, audited), and the check of a
 * presented chain against them: PKIX path to one of them, valid now, and the leaf naming the
 * host the camera is reached at (subject alternative name, IP or DNS).
 */
@PermitAll // authorization per call through AccessControl; issuerOf is the recorder's
@Stateless
public class TrustedCameraCas {

    /** A trusted CA as listed. */
    public record CaView(long id, String name, String subject, String sha256, String addedBy, Instant addedAt) {
        static CaView of(TrustedCameraCa ca) {
            return new CaView(ca.getId(), ca.getName(), ca.getSubject(), ca.getSha256(), ca.getAddedBy(), ca.getAddedTs());
        }
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    public List<CaView> list() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return em.createQuery("SELECT c FROM TrustedCameraCa c ORDER BY c.name", TrustedCameraCa.class).getResultList().stream()
                .map(CaView::of).toList();
    }

    /** Trusts a CA certificate (PEM) for camera certificates. */
    public CaView add(String name, String pem) {
        access.require(AccessRight.MANAGE_CAMERAS);
        if (name == null || !CameraRegistry.NAME.matcher(name.trim()).matches()) {
            throw new InvalidRequestException("name: 1-128 letters, digits, spaces or ._()- only");
        }
        X509Certificate ca = parse(pem);
        if (ca.getBasicConstraints() < 0) {
            throw new InvalidRequestException("that certificate is not a CA certificate (basic constraints)");
        }
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(CertificateFingerprint.sha256(ca));
        } catch (IOException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        if (!em.createQuery("SELECT c.id FROM TrustedCameraCa c WHERE c.sha256 = :h OR c.name = :n")
                .setParameter("h", sha256).setParameter("n", name.trim()).getResultList().isEmpty()) {
            throw new InvalidRequestException("this CA or this name is trusted already");
        }
        String clean = Pem.of(ca);
        TrustedCameraCa stored = new TrustedCameraCa(name.trim(), ca.getSubjectX500Principal().getName(), sha256, clean,
                access.caller().name(), clock.instant());
        em.persist(stored);
        audit.record(access.caller().name(), "camera.ca.trusted", "ca:" + name.trim(), AuditEvent.Outcome.SUCCESS,
                ca.getSubjectX500Principal().getName() + " SHA-256 " + sha256);
        return CaView.of(stored);
    }

    public void remove(long id) {
        access.require(AccessRight.MANAGE_CAMERAS);
        TrustedCameraCa ca = em.find(TrustedCameraCa.class, id);
        if (ca == null) {
            throw new InvalidRequestException("no trusted CA " + id);
        }
        em.remove(ca);
        audit.record(access.caller().name(), "camera.ca.removed", "ca:" + ca.getName(), AuditEvent.Outcome.SUCCESS, ca.getSubject());
    }

    /** The name of the trusted CA {@code chain} leads to, for a leaf naming {@code host}; null when none. */
    public String issuerOf(X509Certificate[] chain, String host) {
        List<TrustedCameraCa> cas = em.createQuery("SELECT c FROM TrustedCameraCa c", TrustedCameraCa.class).getResultList();
        if (cas.isEmpty() || chain.length == 0 || host == null || !names(chain[0], host)) {
            return null;
        }
        for (TrustedCameraCa ca : cas) {
            try {
                PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
                parameters.setRevocationEnabled(false); // camera CAs rarely publish revocation; the pin is the stronger tool
                parameters.setDate(Date.from(clock.instant()));
                List<X509Certificate> path = Arrays.stream(chain)
                        .filter(c -> !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())).toList();
                CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
                return ca.getName();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // not this CA: try the next
            }
        }
        return null;
    }

    /** Whether the leaf's subject alternative names include the host (an IP address or a DNS name, case-insensitive). */
    static boolean names(X509Certificate leaf, String host) {
        try {
            if (leaf.getSubjectAlternativeNames() == null) {
                return false;
            }
            Set<String> names = leaf.getSubjectAlternativeNames().stream()
                    .filter(n -> n.size() == 2 && n.get(1) instanceof String)
                    .map(n -> ((String) n.get(1)).toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return names.contains(host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", ""));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static X509Certificate parse(String pem) {
        if (pem == null || pem.isBlank() || pem.length() > 16_384) {
            throw new InvalidRequestException("a PEM CA certificate is required");
        }
        try {
            return Pem.certificate(pem);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }
}
