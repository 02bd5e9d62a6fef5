package org.vigilvms.health;

import java.util.List;

/** The server's health: UP only when every check is UP. */
public record HealthReport(Status status, List<Check> checks) {

    /** State of one check or of the whole. */
    public enum Status { UP, DOWN }

    /** One named check with a short human-readable detail (no secrets, no stack traces). */
    public record Check(String name, Status status, String detail) {
    }

    public static HealthReport of(List<Check> checks) {
        boolean up = checks.stream().allMatch(c -> c.status() == Status.UP);
        return new HealthReport(up ? Status.UP : Status.DOWN, List.copyOf(checks));
    }
}
