package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import org.vigilvms.health.HealthChange;
import org.vigilvms.health.HealthReport;
import org.vigilvms.health.HealthService;
import org.vigilvms.health.ServiceHeartbeatRecord;
import org.vigilvms.console.NodeRows.NodeRow;
import org.vigilvms.ownership.RecorderNodes;
import org.vigilvms.platform.Platform;
import org.vigilvms.posture.Control;
import org.vigilvms.posture.PostureService;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The console's system page. Everyone sees whether the system is up; those who run it (MANAGE_CAMERAS
 * for every camera) also see the checks, the X.1453 controls, the health history, the nodes with
 * their roles (and a recorder's cameras), the services on the backbone and the version. The
 * services refuse the details to anyone else.
 */
@Named
@RequestScoped
public class SystemView {

    /** How many health changes the page lists. */
    static final int HISTORY = 50;

    @EJB
    private HealthService health;

    @EJB
    private PostureService posture;

    @EJB
    private AccessControl access;

    @EJB
    private RecorderNodes recorderNodes;

    private List<NodeRow> nodes;

    private Boolean runsTheSystem;
    private HealthReport report;
    private List<Control> controls;
    private List<HealthChange> history;
    private List<ServiceHeartbeatRecord> services;

    public boolean isRunsTheSystem() {
        if (runsTheSystem == null) {
            runsTheSystem = access.holdsForAllCameras(AccessRight.MANAGE_CAMERAS);
        }
        return runsTheSystem;
    }

    public HealthReport.Status getStatus() {
        return isRunsTheSystem() ? getReport().status() : health.status();
    }

    public HealthReport getReport() {
        if (report == null) {
            report = health.detailedReport();
        }
        return report;
    }

    public List<Control> getControls() {
        if (controls == null) {
            controls = posture.controls();
        }
        return controls;
    }

    public List<HealthChange> getHistory() {
        if (history == null) {
            history = health.history(HISTORY);
        }
        return history;
    }

    public List<ServiceHeartbeatRecord> getServices() {
        if (services == null) {
            services = health.services();
        }
        return services;
    }

    /** Every node heard from or holding a recorder lease, with its roles. */
    public List<NodeRow> getNodes() {
        if (nodes == null) {
            nodes = NodeRows.of(getServices().stream().map(s -> new NodeRows.Heard(s.getProducer(), s.getNode())).toList(),
                    recorderNodes.list());
        }
        return nodes;
    }

    public String getVersion() {
        return Platform.VERSION;
    }
}
