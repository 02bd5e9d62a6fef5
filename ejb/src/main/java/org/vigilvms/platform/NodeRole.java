package org.vigilvms.platform;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.vigilvms.jms.ServiceIdentity;

/**
 * The servers of X.1453's figure 1 a node can be: the management server (users, rights, cameras'
 * configuration, alarms, the audit trail, camera ownership), the recorder (X.1453's storage
 * server: ingest, sealing, its volumes) and the analytics server. Each is switched on or off per
 * node by the system property {@code vigil.role.<name>}, which the message-driven beans' delivery
 * groups read as well (wildfly-config/50-messaging.cli).
 */
public enum NodeRole {
    MANAGEMENT(EnumSet.of(ServiceIdentity.MANAGEMENT)),
    RECORDER(EnumSet.of(ServiceIdentity.RECORDER, ServiceIdentity.STORAGE)),
    ANALYTICS(EnumSet.of(ServiceIdentity.ANALYTICS));

    private final Set<ServiceIdentity> services;

    NodeRole(Set<ServiceIdentity> services) {
        this.services = services;
    }

    /** The backbone services this role runs, each with its broker account and signing key. */
    public Set<ServiceIdentity> services() {
        return services;
    }

    /** The name in configuration, logs and the API: {@code management}, {@code recorder}, {@code analytics}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The system property that switches this role on ({@code true}, the default) or off ({@code false}). */
    public String property() {
        return "vigil.role." + id();
    }
}
