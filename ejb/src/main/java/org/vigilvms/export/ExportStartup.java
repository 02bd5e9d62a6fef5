package org.vigilvms.export;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/** At deployment, jobs a stop interrupted are closed as failed (they cannot resume: passwords are gone). */
@Startup
@Singleton
public class ExportStartup {

    @Inject
    private NodeRoles roles;

    @Inject
    private ExportJobs jobs;

    @PostConstruct
    void closeInterrupted() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        int failed = jobs.failInterrupted();
        if (failed > 0) {
            Logger.getLogger(ExportStartup.class).warnf("%d export job(s) interrupted by the last stop were marked failed", failed);
        }
    }
}
