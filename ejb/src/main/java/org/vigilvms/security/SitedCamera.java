package org.vigilvms.security;

/**
 * What an access decision needs to know about a camera: which one it is and the site it stands
 * at (a grant covers one camera, one site or all cameras). The camera package's entity is one.
 */
public interface SitedCamera {

    Long getId();

    /** The site, or null for a camera assigned to none. */
    String getSite();
}
