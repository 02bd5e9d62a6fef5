package org.vigilvms.rights;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.approval.HeldAction;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/** A grant or revocation under four eyes: the decider needs MANAGE_USERS for all cameras. */
@ApplicationScoped
public class RightsChangeApproval implements HeldAction {

    @Inject
    private AccessControl access;

    @Inject
    private GrantService grants;

    @Override
    public String action() {
        return FourEyes.RIGHTS_CHANGE;
    }

    @Override
    public boolean mayDecide(Caller caller, String target) {
        return access.holdsForAllCameras(caller, AccessRight.MANAGE_USERS);
    }

    @Override
    public void requireDecideRight(Map<String, String> payload) {
        grants.requireChangeRight();
    }

    @Override
    public void perform(Map<String, String> payload, String requestedBy) {
        grants.changeApproved(payload, requestedBy);
    }
}
