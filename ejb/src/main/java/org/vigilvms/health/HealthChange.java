package org.vigilvms.health;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.vigilvms.health.HealthReport.Status;

/** A check that went up or down on a node, with the detail it gave then (written by {@link HealthWatch}). */
@Entity
@Table(name = "health_change")
public class HealthChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 255)
    private String node;

    @Column(name = "check_name", nullable = false, length = 32)
    private String check;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 4)
    private Status status;

    @Column(nullable = false, length = 512)
    private String detail;

    @Column(name = "changed_ts", nullable = false)
    private Instant changedTs;

    protected HealthChange() {
    }

    HealthChange(String node, HealthReport.Check check, Instant at) {
        this.node = node;
        this.check = check.name();
        this.status = check.status();
        this.detail = check.detail().length() > 512 ? check.detail().substring(0, 512) : check.detail();
        this.changedTs = at;
    }

    public String getNode() {
        return node;
    }

    public String getCheck() {
        return check;
    }

    public Status getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public Instant getChangedTs() {
        return changedTs;
    }
}
