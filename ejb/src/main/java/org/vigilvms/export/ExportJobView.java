package org.vigilvms.export;

import java.time.Instant;
import java.util.List;

/** An export job as the console and the API show it. */
public record ExportJobView(String id, String requestedBy, Instant requestedAt, List<Long> cameras, Instant from, Instant to,
                            String reason, String caseNumber, boolean encrypted, String state, int progress, String message,
                            String approvedBy, String fileName, Long fileBytes, Instant finishedAt) {
}
