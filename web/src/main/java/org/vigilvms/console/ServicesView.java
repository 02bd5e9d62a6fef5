package org.vigilvms.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.vigilvms.health.HealthReport;
import org.vigilvms.health.HealthService;
import org.vigilvms.health.HeartbeatService;
import org.vigilvms.health.ServiceHeartbeatRecord;

/** The console's system page: health checks and the services heard on the backbone. */
@Named
@RequestScoped
public class ServicesView {

    @Inject
    private HealthService health;

    @Inject
    private HeartbeatService heartbeats;

    private HealthReport report;
    private List<ServiceHeartbeatRecord> services;

    public HealthReport getReport() {
        if (report == null) {
            report = health.check();
        }
        return report;
    }

    public List<ServiceHeartbeatRecord> getServices() {
        if (services == null) {
            services = heartbeats.all();
        }
        return services;
    }
}
