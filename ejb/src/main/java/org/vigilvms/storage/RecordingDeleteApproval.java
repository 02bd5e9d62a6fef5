package org.vigilvms.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.approval.HeldAction;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/** Deleting recordings before retention under four eyes: the decider needs MANAGE_CAMERAS on the camera. */
@ApplicationScoped
public class RecordingDeleteApproval implements HeldAction {

    @Inject
    private AccessControl access;

    @Inject
    private RetentionService retention;

    @Override
    public String action() {
        return FourEyes.RECORDING_DELETE;
    }

    @Override
    public boolean mayDecide(Caller caller, String target) {
        return access.allowed(caller, AccessRight.MANAGE_CAMERAS, HeldTargets.camera(target));
    }

    @Override
    public void requireDecideRight(Map<String, String> payload) {
        retention.requireDeleteRight(Long.parseLong(payload.get("camera")));
    }

    @Override
    public void perform(Map<String, String> payload, String requestedBy) {
        retention.deleteApproved(payload, requestedBy);
    }
}
