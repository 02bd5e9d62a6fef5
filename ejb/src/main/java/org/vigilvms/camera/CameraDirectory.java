package org.vigilvms.camera;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.storage.KeyVault;
import org.vigilvms.storage.SegmentCrypto;

/**
 * The recorder's view of the cameras: which to pull and with which credentials (opened from the
 * master key only here, in memory), and where it reports their status. Internal to the server:
 * no web component calls it.
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

    public List<StreamSource> enabledCameras() {
        KeyVault vault = KeyVault.fromSystemProperty();
        return em.createQuery("SELECT c FROM Camera c WHERE c.enabled = true ORDER BY c.id", Camera.class)
                .getResultList().stream()
                .map(c -> new StreamSource(c.getId(), c.getName(), withCredentials(c, vault), c.tlsPinnedSha256()))
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

    /**
     * Records the certificate an RTSPS camera presented and judges it against the pin: unapproved
     * or mismatching certificates stop the recording; a mismatch is audited as an alert.
     */
    public boolean acceptCertificate(long cameraId, byte[] presented) {
        Camera camera = em.find(Camera.class, cameraId);
        if (camera == null) {
            return false;
        }
        camera.presented(presented);
        String fingerprint = java.util.HexFormat.of().formatHex(presented);
        byte[] pinned = camera.tlsPinnedSha256();
        if (pinned == null) {
            reportStatus(cameraId, CameraStatus.CERTIFICATE_UNAPPROVED, "certificate SHA-256 " + fingerprint
                    + " awaits an administrator's approval");
            return false;
        }
        if (!java.security.MessageDigest.isEqual(pinned, presented)) {
            if (camera.getStatus() != CameraStatus.CERTIFICATE_MISMATCH) {
                audit.record("svc-recorder", "camera.certificate.mismatch", "camera:" + cameraId, AuditEvent.Outcome.FAILURE,
                        "ALERT: presented " + fingerprint + ", approved " + java.util.HexFormat.of().formatHex(pinned));
                org.vigilvms.logging.VigilLog.LOG.certificateMismatch(camera.getName(), fingerprint);
            }
            reportStatus(cameraId, CameraStatus.CERTIFICATE_MISMATCH, "presented certificate SHA-256 " + fingerprint
                    + " is not the approved one; not recording");
            return false;
        }
        return true;
    }

    private static String withCredentials(Camera camera, KeyVault vault) {
        byte[] sealed = camera.passwordCiphertext();
        if (camera.getUsername() == null || sealed == null) {
            return camera.getStreamUrl();
        }
        return StreamSource.withCredentials(camera.getStreamUrl(), camera.getUsername(),
                new String(vault.openWithMaster(sealed, SegmentCrypto.passwordAad(camera.getId())), StandardCharsets.UTF_8));
    }
}
