package org.vigilvms.camera;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.vigilvms.security.CameraSites;
import org.vigilvms.security.SitedCamera;

/** Answers access control's question about a camera from the camera table. */
@PermitAll // a lookup for access control itself; it decides nothing
@Stateless
@Local(CameraSites.class)
public class CameraSiteLookup implements CameraSites {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Override
    public Optional<SitedCamera> find(long cameraId) {
        return Optional.ofNullable(em.find(Camera.class, cameraId));
    }
}
