package org.vigilvms.ownership;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.camera.CameraCommand;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.messaging.SignedSender;
import org.vigilvms.ownership.OwnershipPlan.Move;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * The management server's part in camera ownership: every second it compares who records
 * which camera with the recorder nodes alive and moves the cameras of a node that is gone, or
 * above a node's share, to the others, and a camera pinned to a node to that node
 * ({@link OwnershipPlan}); each move raises the camera's epoch
 * and is audited. Each move is followed by a signed start command, so a recorder that hears it
 * (the management node's own) acts at once; every other picks its cameras up at its next
 * reconcile (every second). Then the cameras' secrets are sealed for the nodes that own them
 * and hold no master key ({@link CameraSeals}).
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
public class CameraOwnership {

    @Inject
    private NodeRoles roles;

    static final String ACTOR = "svc-management";

    @Inject
    private OwnerBook book;

    @Inject
    private SignedSender sender;

    @Inject
    private CameraSeals seals;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "camera ownership")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each move in a transaction of its own
    void rebalance() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        Set<String> live = book.liveNodes();
        List<Move> moves = OwnershipPlan.moves(book.enabledCameras(), book.pins(), book.owners(), live);
        for (Move move : moves) {
            // from a node that is alive (a node came back or joined): handed over, its last segment still counts
            if (book.move(move, move.from() != null && live.contains(move.from()), ACTOR)) {
                try {
                    sender.send(ServiceIdentity.MANAGEMENT, Destinations.CAMERA_COMMANDS, CameraCommand.TYPE,
                            new CameraCommand(move.cameraId(), CameraCommand.START_RECORDING, ACTOR));
                } catch (RuntimeException e) {
                    VigilLog.LOG.sendFailed(CameraCommand.TYPE, ServiceIdentity.MANAGEMENT.principal(), e);
                }
            }
        }
        seals.sealForOwners(); // a node that records with a key of its own gets the secrets of what it now owns
    }
}
