package org.vigilvms.camera;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.storage.KeyVault;
import org.vigilvms.storage.SegmentCrypto;

/**
 * Adds, lists, disables and enables cameras. Changes are for administrators only and audited;
 * the camera password is sealed under the master key before it reaches the database.
 */
@Stateless
public class CameraService {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._()-]{1,128}");

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext session;

    @RolesAllowed("admin")
    public CameraView add(NewCamera request) {
        String name = required(request.name(), "name").trim();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidCameraException("name: 1-128 letters, digits, spaces or ._()- only");
        }
        String url = validUrl(required(request.streamUrl(), "streamUrl").trim());
        String site = request.site() == null || request.site().isBlank() ? "default" : request.site().trim();
        if (!NAME.matcher(site).matches()) {
            throw new InvalidCameraException("site: 1-128 letters, digits, spaces or ._()- only");
        }
        if (request.username() != null && request.username().length() > 128
                || request.password() != null && request.password().length() > 256) {
            throw new InvalidCameraException("username or password too long");
        }
        if (!em.createQuery("SELECT c.id FROM Camera c WHERE c.name = :n").setParameter("n", name).getResultList().isEmpty()) {
            throw new InvalidCameraException("a camera named '" + name + "' exists already");
        }
        Camera camera = new Camera(name, site, url, request.username(), clock.instant());
        em.persist(camera);
        em.flush(); // the id binds the sealed secrets to this camera
        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] password = request.password() == null ? null : vault.sealWithMaster(
                request.password().getBytes(StandardCharsets.UTF_8), SegmentCrypto.passwordAad(camera.getId()));
        camera.sealSecrets(password, vault.newWrappedDataKey(SegmentCrypto.dataKeyAad(camera.getId())));
        audit.record(caller(), "camera.added", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS, name + " " + url);
        return CameraView.of(camera);
    }

    @RolesAllowed({"admin", "operator"})
    public List<CameraView> list() {
        return em.createQuery("SELECT c FROM Camera c ORDER BY c.name", Camera.class).getResultList().stream()
                .map(CameraView::of).toList();
    }

    @RolesAllowed("admin")
    public CameraView setEnabled(long id, boolean enabled) {
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidCameraException("no camera " + id);
        }
        camera.setEnabled(enabled);
        camera.changeStatus(enabled ? CameraStatus.NEW : CameraStatus.DISABLED, enabled ? null : "disabled by " + caller(),
                clock.instant());
        audit.record(caller(), enabled ? "camera.enabled" : "camera.disabled", "camera:" + id, AuditEvent.Outcome.SUCCESS, null);
        return CameraView.of(camera);
    }

    /**
     * Approves the certificate an RTSPS camera presented (the administrator compares the
     * fingerprint with the camera's own) and pins it; recording starts at the next attempt.
     */
    @RolesAllowed("admin")
    public CameraView approveCertificate(long id, String sha256Hex) {
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidCameraException("no camera " + id);
        }
        byte[] presented = camera.tlsPresentedSha256();
        byte[] approved;
        try {
            approved = java.util.HexFormat.of().parseHex(sha256Hex == null ? "" : sha256Hex.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidCameraException("sha256 must be 64 hexadecimal digits");
        }
        if (presented == null || !java.util.Arrays.equals(presented, approved)) {
            throw new InvalidCameraException("that is not the certificate the camera presents");
        }
        camera.pin(approved);
        camera.changeStatus(CameraStatus.NEW, "certificate approved", clock.instant());
        audit.record(caller(), "camera.certificate.approved", "camera:" + id, AuditEvent.Outcome.SUCCESS, sha256Hex);
        return CameraView.of(camera);
    }

    /** Sets how long the camera's recordings are kept (seconds; evidence locks override it). */
    @RolesAllowed("admin")
    public CameraView setRetention(long id, long maxAgeSeconds) {
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidCameraException("no camera " + id);
        }
        if (maxAgeSeconds < 1 || maxAgeSeconds > 3650L * 86400) {
            throw new InvalidCameraException("maxAgeSeconds must be between 1 and 3650 days");
        }
        camera.setRetentionMaxAgeSeconds(maxAgeSeconds);
        audit.record(caller(), "camera.retention", "camera:" + id, AuditEvent.Outcome.SUCCESS, maxAgeSeconds + " s");
        return CameraView.of(camera);
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCameraException(field + " is required");
        }
        return value;
    }

    /** rtsp:// or rtsps:// with a host, no credentials inside (they go to their own fields). */
    static String validUrl(String url) {
        if (url.length() > 1024) {
            throw new InvalidCameraException("streamUrl longer than 1024 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidCameraException("streamUrl is not a URL: " + e.getReason());
        }
        if (!"rtsp".equals(uri.getScheme()) && !"rtsps".equals(uri.getScheme())) {
            throw new InvalidCameraException("streamUrl must start with rtsp:// or rtsps://");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidCameraException("streamUrl needs a host and no credentials (use username/password)");
        }
        if (url.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
            throw new InvalidCameraException("streamUrl contains spaces or control characters");
        }
        return url;
    }
}
