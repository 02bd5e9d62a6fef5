package org.vigilvms.posture;

/**
 * One X.1453 requirement (or, for insiders, the threat it answers) as this installation stands:
 * its id, what it asks, its state, and how it is met or what is missing, in words.
 */
public record Control(String id, String requirement, State state, String how) {

    /** How far a control is in force. */
    public enum State {
        /** In force in full. */
        ENFORCED,
        /** The product covers part of it; {@code how} names the part that is not. */
        PARTIAL,
        /** An administrator relaxed it; {@code how} names what was accepted. */
        WEAKENED,
        /** An optional control that is not switched on. */
        OFF,
        /** Outside the software. */
        OUTSIDE
    }
}
