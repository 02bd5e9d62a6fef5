package org.vigilvms.camera;

/**
 * An administrator's request to add a camera by its ONVIF device service address;
 * {@code acceptInsecureTransport} as for {@link NewCamera} (an {@code http://} device address or
 * a plain RTSP stream needs it).
 */
public record NewOnvifCamera(String name, String site, String deviceUrl, String username, String password,
                             Boolean acceptInsecureTransport) {
}
