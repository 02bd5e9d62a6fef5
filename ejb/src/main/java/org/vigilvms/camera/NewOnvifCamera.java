package org.vigilvms.camera;

/** An administrator's request to add a camera by its ONVIF device service address. */
public record NewOnvifCamera(String name, String site, String deviceUrl, String username, String password) {
}
