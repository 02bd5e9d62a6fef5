package org.vigilvms.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.vigilvms.logging.VigilLog;

/**
 * Logs this node's name and roles at deployment ({@code VIGIL00429}), so an operator sees which
 * servers a node runs. A name or role setting that is not valid stops the deployment: every bean
 * that reads it fails to start, this one included.
 */
@PermitAll // lifecycle only
@Singleton
@Startup
public class NodeStartup {

    @Inject
    private NodeName node;

    @Inject
    private NodeRoles roles;

    @PostConstruct
    void announce() {
        VigilLog.LOG.nodeRoles(node.value(), roles.toString());
    }
}
