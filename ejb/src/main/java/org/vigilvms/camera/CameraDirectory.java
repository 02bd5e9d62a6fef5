package org.vigilvms.camera;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.keys.CameraSecrets;
import org.vigilvms.logging.VigilLog;

/**
 * The recorder's view of the cameras: which to pull and with which credentials (opened only here,
 * in memory, with the master key or with this node's own sealing key), and where it reports their
 * status. Internal to the server: no web component calls it.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class CameraDirectory {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private TrustedCameraCas trustedCas;

    @Inject
    private CameraSecrets secrets;

    /**
     * Those of {@code ids} (the cameras this node owns) that are enabled and this node can record:
     * on a recorder node that opens camera secrets with a key of its own, only those whose secrets
     * were sealed for it ({@link CameraSecrets}). Only these are read and their passwords opened,
     * however many cameras the installation has.
     */
    public List<StreamSource> enabledCameras(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        CameraSecrets.Opener opener = secrets.opener();
        return em.createQuery("SELECT c FROM Camera c WHERE c.enabled = true AND c.id IN :ids ORDER BY c.id", Camera.class)
                .setParameter("ids", ids).getResultList().stream()
                .filter(Camera::transportAcceptable) // a plain transport nobody accepted is never recorded
                .filter(c -> opener.has(c.getId()))
                .map(c -> {
                    String password = opener.password(c.getId(), c.passwordCiphertext());
                    return new StreamSource(c.getId(), c.getName(), StreamSource.withCredentials(c.getStreamUrl(), c.getUsername(),
                            password), c.tlsPinnedSha256(), c.getSubStreamUrl() == null ? null
                            : StreamSource.withCredentials(c.getSubStreamUrl(), c.getUsername(), password));
                })
                .toList();
    }

    /** Records a status change of a camera (and audits it); repeated reports of the same state are ignored. */
    public void reportStatus(long cameraId, CameraStatus status, String reason) {
        Camera camera = em.find(Camera.class, cameraId);
        if (camera != null && camera.isEnabled() && camera.changeStatus(status, reason, clock.instant())) {
            audit.record("svc-recorder", "camera.status", "camera:" + cameraId,
                    status == CameraStatus.ONLINE ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                    status + (reason == null ? "" : ": " + reason));
        }
    }

    /** Records the state of a camera's sub-stream (audited when it changed); the camera's own status is untouched. */
    public void reportSubStreamStatus(long cameraId, CameraStatus status, String reason) {
        Camera camera = em.find(Camera.class, cameraId);
        if (camera != null && camera.isEnabled() && camera.changeSubStreamStatus(status, reason)) {
            audit.record("svc-recorder", "camera.substream.status", "camera:" + cameraId,
                    status == CameraStatus.ONLINE ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                    status + (reason == null ? "" : ": " + reason));
        }
    }

    /** How many enabled cameras are recorded over a plain transport an administrator accepted (for health). */
    public long insecureTransports() {
        return em.createQuery("SELECT count(c) FROM Camera c WHERE c.enabled = true AND c.insecureAcceptedBy IS NOT NULL "
                + "AND (c.streamUrl LIKE 'rtsp://%' OR c.onvifDeviceUrl LIKE 'http://%')", Long.class).getSingleResult();
    }

    /**
     * Judges the certificate chain an RTSPS camera presented: with a pin, only the pinned
     * certificate passes; without one, a chain to a CA the administrator trusts that names the
     * camera's host passes; anything else stops the recording — unapproved at first contact, a
     * mismatch (audited as an alert) when the camera presented an accepted certificate before.
     */
    public boolean acceptCertificate(long cameraId, X509Certificate[] chain) {
        Camera camera = em.find(Camera.class, cameraId);
        if (camera == null || chain == null || chain.length == 0) {
            return false;
        }
        byte[] presented;
        try {
            presented = CertificateFingerprint.sha256(chain[0]);
        } catch (IOException e) {
            return false;
        }
        byte[] before = camera.tlsPresentedSha256();
        boolean acceptedBefore = before != null && camera.getStatus() != CameraStatus.CERTIFICATE_UNAPPROVED
                && camera.getStatus() != CameraStatus.CERTIFICATE_MISMATCH;
        camera.presented(presented);
        String fingerprint = HexFormat.of().formatHex(presented);
        byte[] pinned = camera.tlsPinnedSha256();
        if (pinned != null) {
            if (MessageDigest.isEqual(pinned, presented)) {
                return true;
            }
            return mismatch(camera, fingerprint, "approved " + HexFormat.of().formatHex(pinned));
        }
        String trustedBy = trustedCas.issuerOf(chain, URI.create(camera.getStreamUrl()).getHost());
        if (trustedBy != null) {
            // each connection accepted on a CA's word is on record (connections are rare: one per (re)connect)
            audit.record("svc-recorder", "camera.certificate.trusted", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                    "SHA-256 " + fingerprint + " issued by trusted CA " + trustedBy);
            return true;
        }
        if (acceptedBefore && !MessageDigest.isEqual(before, presented)) {
            return mismatch(camera, fingerprint, "not from a trusted CA for this host, and not the certificate accepted before");
        }
        reportStatus(cameraId, CameraStatus.CERTIFICATE_UNAPPROVED, "certificate SHA-256 " + fingerprint
                + " is not from a trusted CA for this host and awaits an administrator's approval");
        return false;
    }

    private boolean mismatch(Camera camera, String fingerprint, String expected) {
        if (camera.getStatus() != CameraStatus.CERTIFICATE_MISMATCH) {
            audit.record("svc-recorder", "camera.certificate.mismatch", "camera:" + camera.getId(), AuditEvent.Outcome.FAILURE,
                    "ALERT: presented " + fingerprint + ", " + expected);
            VigilLog.LOG.certificateMismatch(camera.getName(), fingerprint);
        }
        reportStatus(camera.getId(), CameraStatus.CERTIFICATE_MISMATCH, "presented certificate SHA-256 " + fingerprint
                + " is not the accepted one; not recording");
        return false;
    }

}
