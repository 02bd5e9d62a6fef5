package org.vigilvms.camera;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.storage.KeyVault;
import org.vigilvms.storage.SegmentCrypto;

/**
 * Validates and stores a new camera, its password sealed under the master key. Not reachable
 * from outside: {@link CameraService#add} checks MANAGE_CAMERAS first, {@link CameraBootstrap}
 * imports the installer's list at first start.
 */
@Dependent
class CameraRegistry {

    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._()-]{1,128}");

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** The entity manager is the calling EJB's (CDI beans with their own persistence context race the persistence unit at redeploy). */
    CameraView register(EntityManager em, NewCamera request, String actor) {
        String name = required(request.name(), "name").trim();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidCameraException("name: 1-128 letters, digits, spaces or ._()- only");
        }
        String url = CameraService.validUrl(required(request.streamUrl(), "streamUrl").trim());
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
        audit.record(actor, "camera.added", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS, name + " " + url);
        return CameraView.of(camera);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidCameraException(field + " is required");
        }
        return value;
    }
}
