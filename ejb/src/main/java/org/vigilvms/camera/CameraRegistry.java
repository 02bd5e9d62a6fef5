package org.vigilvms.camera;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.regex.Pattern;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.platform.InvalidRequestException;

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
        NewCamera valid = validated(em, request, null);
        Camera camera = new Camera(valid.name(), valid.site(), valid.streamUrl(), valid.username(), clock.instant());
        em.persist(camera);
        em.flush(); // the id binds the sealed secrets to this camera
        KeyVault vault = KeyVault.fromSystemProperty();
        camera.sealSecrets(sealPassword(vault, camera.getId(), valid.password()),
                vault.newWrappedDataKey(CameraKeys.dataKeyAad(camera.getId())));
        audit.record(actor, "camera.added", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS, valid.name() + " " + valid.streamUrl());
        settleTransport(camera, valid, actor);
        return CameraView.of(camera);
    }

    /**
     * A camera on a plain transport needs its administrator's explicit acceptance, kept with the
     * camera and audited; without it the change is refused (400). A camera that moves to RTSPS
     * loses an earlier acceptance, so a later move back asks again.
     */
    void settleTransport(Camera camera, NewCamera request, String actor) {
        if (!camera.insecureTransport()) {
            camera.forgetInsecureAcceptance();
            return;
        }
        if (camera.getInsecureAcceptedBy() != null) {
            return; // accepted before, still a plain transport
        }
        if (!request.insecureAccepted()) {
            throw new InvalidRequestException(PLAIN_TRANSPORT);
        }
        camera.acceptInsecure(actor, clock.instant());
        audit.record(actor, "camera.insecure.accepted", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS,
                "plain transport accepted for " + camera.getStreamUrl()
                        + (camera.getOnvifDeviceUrl() == null ? "" : " / " + camera.getOnvifDeviceUrl())
                        + ": video, commands and the camera password are readable on its network");
    }

    /** Why a plain camera transport is refused without an acceptance. */
    static final String PLAIN_TRANSPORT = "a plain transport (rtsp://, ONVIF over http://) sends the video and the camera password "
            + "readable on the camera network: use rtsps:// (https:// for ONVIF), or accept the insecure transport for this "
            + "camera explicitly (acceptInsecureTransport: true)";

    /**
     * Changes name, site, stream address and user name; the password only when a new one is
     * given (blank keeps the sealed one, but only for the same host and port: a stored password
     * never follows the camera to another endpoint). The recorder reconnects when the address or
     * credentials changed. The data key stays: recordings before and after are one chain.
     */
    CameraView update(EntityManager em, Camera camera, NewCamera request, String actor) {
        NewCamera valid = validated(em, request, camera.getId());
        boolean newPassword = valid.password() != null && !valid.password().isEmpty();
        if (!newPassword && camera.hasPassword() && !StreamSource.sameEndpoint(valid.streamUrl(), camera.getStreamUrl())) {
            throw new InvalidRequestException("the stored password goes only to the address it was entered for: "
                    + "enter it again to move the camera to another host or port");
        }
        camera.edit(valid.name(), valid.site(), valid.streamUrl(), valid.username());
        settleTransport(camera, valid, actor);
        if (newPassword) {
            camera.sealSecrets(sealPassword(KeyVault.fromSystemProperty(), camera.getId(), valid.password()), camera.dataKeyWrapped());
        }
        audit.record(actor, "camera.changed", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS,
                valid.name() + " " + valid.streamUrl() + (newPassword ? ", new password" : ""));
        return CameraView.of(camera);
    }

    private static byte[] sealPassword(KeyVault vault, long cameraId, String password) {
        return password == null ? null
                : vault.sealWithMaster(password.getBytes(StandardCharsets.UTF_8), CameraKeys.passwordAad(cameraId));
    }

    /** The request with its fields checked and trimmed; {@code self}: the camera being edited (its own name is free). */
    static NewCamera validated(EntityManager em, NewCamera request, Long self) {
        if (request == null) {
            throw new InvalidRequestException("a camera (name, streamUrl, ...) is required");
        }
        String name = required(request.name(), "name").trim();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name: 1-128 letters, digits, spaces or ._()- only");
        }
        String url = CameraService.validUrl(required(request.streamUrl(), "streamUrl").trim());
        String site = request.site() == null || request.site().isBlank() ? "default" : request.site().trim();
        if (!NAME.matcher(site).matches()) {
            throw new InvalidRequestException("site: 1-128 letters, digits, spaces or ._()- only");
        }
        if (request.username() != null && request.username().length() > 128
                || request.password() != null && request.password().length() > 256) {
            throw new InvalidRequestException("username or password too long");
        }
        if (request.username() != null && request.username().chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new InvalidRequestException("username contains control characters");
        }
        if (em != null && !em.createQuery("SELECT c.id FROM Camera c WHERE c.name = :n AND (:self IS NULL OR c.id <> :self)")
                .setParameter("n", name).setParameter("self", self).getResultList().isEmpty()) {
            throw new InvalidRequestException("a camera named '" + name + "' exists already");
        }
        String username = request.username() == null || request.username().isBlank() ? null : request.username();
        return new NewCamera(name, site, url, username, request.password(), request.acceptInsecureTransport());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        return value;
    }
}
