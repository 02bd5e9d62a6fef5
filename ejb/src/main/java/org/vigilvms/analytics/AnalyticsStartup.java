package org.vigilvms.analytics;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/** At deployment, management sends the stored configurations: analytics holds them only in memory. */
@Startup
@Singleton
public class AnalyticsStartup {

    @Inject
    private NodeRoles roles;

    @Inject
    private AnalyticsConfigService configs;

    @PostConstruct
    void publish() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        try {
            int sent = configs.republishAll();
            if (sent > 0) {
                Logger.getLogger(AnalyticsStartup.class).infof("sent %d analytics configuration(s)", sent);
            }
        } catch (RuntimeException e) {
            Logger.getLogger(AnalyticsStartup.class).errorf(e, "analytics configurations were not sent");
        }
    }
}
