package org.vigilvms.ownership;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.vigilvms.ownership.OwnershipPlan.Move;

/**
 * The management server's part in camera ownership: every few seconds it compares who records
 * which camera with the recorder nodes alive and moves the cameras of a node that is gone, or
 * above a node's share, to the others ({@link OwnershipPlan}); each move raises the camera's epoch
 * and is audited. The recorders pick their cameras up at their next reconcile.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
public class CameraOwnership {

    static final String ACTOR = "svc-management";

    @Inject
    private OwnerBook book;

    @Schedule(hour = "*", minute = "*", second = "*/3", persistent = false, info = "camera ownership")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each move in a transaction of its own
    void rebalance() {
        List<Move> moves = OwnershipPlan.moves(book.enabledCameras(), book.owners(), book.liveNodes());
        moves.forEach(move -> book.move(move, ACTOR));
    }
}
