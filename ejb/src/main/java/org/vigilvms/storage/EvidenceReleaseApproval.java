package org.vigilvms.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.approval.HeldAction;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/** Releasing an evidence lock under four eyes: the decider needs EVIDENCE_LOCK on the camera. */
@ApplicationScoped
public class EvidenceReleaseApproval implements HeldAction {

    @Inject
    private AccessControl access;

    @Inject
    private RetentionService retention;

    @Override
    public String action() {
        return FourEyes.EVIDENCE_RELEASE;
    }

    @Override
    public boolean mayDecide(Caller caller, String target) {
        return access.allowed(caller, AccessRight.EVIDENCE_LOCK, HeldTargets.camera(target));
    }

    @Override
    public void requireDecideRight(Map<String, String> payload) {
        retention.requireReleaseRight(Long.parseLong(payload.get("lock")));
    }

    @Override
    public void perform(Map<String, String> payload, String requestedBy) {
        retention.releaseApproved(Long.parseLong(payload.get("lock")), requestedBy);
    }
}
