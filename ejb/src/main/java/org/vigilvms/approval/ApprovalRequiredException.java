package org.vigilvms.approval;

import jakarta.ejb.ApplicationException;
import java.util.UUID;

/**
 * The action was not done: it waits for a second person's approval. Thrown after the request
 * was stored, and without rolling back, so the request stays.
 */
@ApplicationException(rollback = false)
public class ApprovalRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final UUID approvalId;

    public ApprovalRequiredException(UUID approvalId, String summary) {
        super(summary + ": waits for a second person's approval (request " + approvalId + ")");
        this.approvalId = approvalId;
    }

    public UUID approvalId() {
        return approvalId;
    }
}
