package org.vigilvms.jms;

import java.util.Locale;
import java.util.Set;

/**
 * The services of X.1453 section 6 that talk over JMS. Each one is a broker user of its own
 * (credentials in the Elytron credential store) holding a JMS role of the same name, and signs
 * what it sends with a key of its own, so a consumer knows who produced a message and a
 * compromised service cannot speak for another (T-INJ, T-FC).
 */
public enum ServiceIdentity {

    MANAGEMENT("svc-management",
            Set.of(Destinations.HEARTBEAT, Destinations.CAMERA_COMMANDS, Destinations.ANALYTICS_CONFIG),
            Set.of(Destinations.HEARTBEAT, Destinations.CAMERA_STATUS, Destinations.ANALYTICS_EVENTS)),
    RECORDER("svc-recorder",
            Set.of(Destinations.HEARTBEAT, Destinations.SEGMENTS, Destinations.CAMERA_STATUS),
            Set.of(Destinations.CAMERA_COMMANDS)),
    STORAGE("svc-storage",
            Set.of(Destinations.HEARTBEAT),
            Set.of(Destinations.SEGMENTS)),
    ANALYTICS("svc-analytics",
            Set.of(Destinations.HEARTBEAT, Destinations.ANALYTICS_EVENTS),
            Set.of(Destinations.ANALYTICS_CONFIG));

    private final String principal;
    private final Set<String> sendsTo;
    private final Set<String> consumesFrom;

    ServiceIdentity(String principal, Set<String> sendsTo, Set<String> consumesFrom) {
        this.principal = principal;
        this.sendsTo = sendsTo;
        this.consumesFrom = consumesFrom;
    }

    /** Broker user name, JMS role and envelope producer name of the in-server instance. */
    public String principal() {
        return principal;
    }

    public Set<String> sendsTo() {
        return sendsTo;
    }

    public Set<String> consumesFrom() {
        return consumesFrom;
    }

    /** JNDI name of the pooled connection factory that carries this identity's credentials. */
    public String connectionFactoryJndiName() {
        return "java:/jms/vigil/" + name().toLowerCase(Locale.ROOT);
    }

    /** Alias of this identity's broker password in the Elytron credential store. */
    public String credentialAlias() {
        return "jms-" + principal;
    }
}
