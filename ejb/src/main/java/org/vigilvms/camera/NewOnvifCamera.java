package org.vigilvms.camera;

/**
 * An administrator's request to add a camera by its ONVIF device service address;
 * {@code acceptInsecureTransport} as for {@link NewCamera} (an {@code http://} device address or
 * a plain RTSP stream needs it). {@code deviceCertificateSha256} approves the certificate an
 * {@code https://} device presents when no trusted camera CA vouches for it: the administrator
 * compared it with the camera's own (a first request without it is refused with the fingerprint
 * the device presented, and nothing was sent to the device).
 */
public record NewOnvifCamera(String name, String site, String deviceUrl, String username, String password,
                             Boolean acceptInsecureTransport, String deviceCertificateSha256) {
}
