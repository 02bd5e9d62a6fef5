package org.vigilvms.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.heartbeat.ServiceHeartbeat;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.messaging.SignedSender;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.platform.Platform;

/**
 * Every few seconds each in-server service sends a signed heartbeat through the broker as itself.
 * The management service's heartbeat coming back is what health calls "broker UP": it proves
 * authentication, authorization, signing and delivery all work end to end.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
@Startup
public class HeartbeatPublisher {

    static final int PERIOD_SECONDS = 5;

    @Inject
    private SignedSender sender;

    @Inject
    private Clock clock;

    @Inject
    private NodeRoles roles;

    private String node;
    private long startedAtMs;

    @PostConstruct
    void start() {
        startedAtMs = clock.millis();
        try {
            node = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            node = "unknown";
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false, info = "service heartbeats")
    void beat() {
        ServiceHeartbeat heartbeat = new ServiceHeartbeat(node, Platform.VERSION, startedAtMs);
        for (ServiceIdentity identity : roles.services()) {
            try {
                sender.send(identity, Destinations.HEARTBEAT, ServiceHeartbeat.TYPE, heartbeat);
            } catch (RuntimeException e) {
                VigilLog.LOG.sendFailed(ServiceHeartbeat.TYPE, identity.principal(), e);
            }
        }
    }
}
