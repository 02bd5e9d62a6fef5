package org.vigilvms.messaging;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a node does at start with the signing key of one of its services. The installation's first
 * node registers its own keys: nobody else can vouch for them. After that, a key verifies
 * messages only once an administrator approved it, so that no node joins, and no key replaces a
 * revoked or lost one, on its own say; a revoked key never comes back.
 */
final class OwnKeyPolicy {

    /** The registry's row for the producer: its key and whether it was revoked. */
    record Registered(byte[] key, boolean revoked) {
    }

    enum Decision {
        /** The registered key, valid: nothing to do. */
        KEEP,
        /** Register it now (the installation's first node, at its first start). */
        REGISTER,
        /** Ask an administrator to approve it; it verifies nothing until then. */
        REQUEST_APPROVAL,
        /** The node's key was revoked: it must make a new one, and ask for that one. */
        REPLACE_REVOKED
    }

    private OwnKeyPolicy() {
    }

    /**
     * @param registered the registry's row for the producer, if any
     * @param local      the encoded public key the node holds
     * @param firstNode  whether this is the installation's first node at its first start (no
     *                   node has registered a management key)
     */
    static Decision decide(Optional<Registered> registered, byte[] local, boolean firstNode) {
        if (registered.isEmpty()) {
            return firstNode ? Decision.REGISTER : Decision.REQUEST_APPROVAL;
        }
        boolean same = Arrays.equals(registered.get().key(), local);
        if (registered.get().revoked()) {
            return same ? Decision.REPLACE_REVOKED : Decision.REQUEST_APPROVAL;
        }
        return same ? Decision.KEEP : Decision.REQUEST_APPROVAL;
    }
}
