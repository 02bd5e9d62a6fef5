package org.vigilvms.security;

import java.util.Optional;

/**
 * Looks a camera up for an access decision. Declared here and answered by the camera package, so
 * that the decisions about rights do not depend on how cameras are managed.
 */
public interface CameraSites {

    /** The camera with this id, or empty when there is none. */
    Optional<SitedCamera> find(long cameraId);
}
