package org.vigilvms.ownership;

/**
 * Who may extend a camera's hash chain now: the owning node under the owning epoch. A segment
 * recorded by another node, or by the owner under an earlier epoch (it lost the camera and got it
 * back since), is refused. A camera nobody owns yet fences nothing: its first segments come from
 * the node that is claiming it.
 *
 * @param node  the owning node; null when the camera has no owner
 * @param epoch the owner's epoch
 */
public record ChainFence(String node, long epoch) {

    public static final ChainFence NO_OWNER = new ChainFence(null, 0);

    public boolean admits(String recordedBy, long recordedUnder) {
        return node == null || node.equals(recordedBy) && epoch == recordedUnder;
    }
}
