package org.vigilvms.export;

import java.time.Instant;
import java.util.List;

/**
 * What a user asks to export. {@code password}, when given, encrypts the package (it leaves the
 * protected system); it is held in memory only until the job has run, never stored.
 */
public record ExportRequest(List<Long> cameras, Instant from, Instant to, String reason, String caseNumber, String password) {

    @Override
    public String toString() {
        return "ExportRequest[cameras=" + cameras + ", from=" + from + ", to=" + to + ", encrypted=" + (password != null) + "]";
    }
}
