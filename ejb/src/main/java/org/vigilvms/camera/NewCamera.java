package org.vigilvms.camera;

/** An administrator's request to add a camera. */
public record NewCamera(String name, String site, String streamUrl, String username, String password) {
}
