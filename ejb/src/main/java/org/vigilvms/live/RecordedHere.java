package org.vigilvms.live;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether this node can show a camera's live picture. Only the recorder node that owns a camera
 * receives its stream, so the picture is here when this node records it, or when nobody does yet
 * (a camera just added or enabled is claimed within seconds; its viewer waits for the picture).
 * Otherwise the answer says where the camera is recorded and whether that node is down.
 */
final class RecordedHere {

    private RecordedHere() {
    }

    /**
     * Why {@code here} has no live picture of {@code cameraId}, whose recorder is {@code owner}
     * while {@code aliveNodes} hold a lease (asked only when another node records it); empty when
     * it has one or will have it.
     */
    static Optional<String> whyNot(long cameraId, Optional<String> owner, Supplier<Set<String>> aliveNodes, String here) {
        if (owner.isEmpty() || owner.get().equals(here)) {
            return Optional.empty();
        }
        String node = owner.get();
        if (!aliveNodes.get().contains(node)) {
            return Optional.of("camera " + cameraId + " is recorded by the node " + node
                    + ", which is down: its live picture comes back with that node");
        }
        return Optional.of("camera " + cameraId + " is recorded by the node " + node
                + ": only that node has its live picture, and this is " + here);
    }
}
