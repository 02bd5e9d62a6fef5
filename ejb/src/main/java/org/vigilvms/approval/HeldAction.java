package org.vigilvms.approval;

import java.util.Map;
import org.vigilvms.security.Caller;

/**
 * An action that four eyes can hold, answered by the package that owns it: who may decide on a
 * held request, and carrying it out once approved. {@link FourEyes} finds the one whose
 * {@link #action()} a request names, so approval needs no knowledge of the actions themselves.
 */
public interface HeldAction {

    /** The name a request carries, e.g. {@value FourEyes#RIGHTS_CHANGE}. */
    String action();

    /** Whether {@code caller} holds the right to decide on a request for {@code target} (a listing: nothing audited). */
    boolean mayDecide(Caller caller, String target);

    /** Refuses (and audits) unless the current caller may decide on this request. */
    void requireDecideRight(Map<String, String> payload);

    /** Checks the approver's right and carries the action out for {@code requestedBy}. */
    void perform(Map<String, String> payload, String requestedBy);
}
