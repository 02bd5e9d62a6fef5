package org.vigilvms.health;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJBException;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigilvms.health.HealthReport.Status;

/**
 * Runs the health checks every {@value #PERIOD_SECONDS} s and keeps each change of a check's
 * status on this node. A change seen while the database is down waits in memory (the newest
 * {@value #MOST_WAITING}) and is written with its own time once the database answers again.
 */
@PermitAll // internal service: not exposed to users; its only caller is its timer
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthWatch {

    static final int PERIOD_SECONDS = 15;
    static final int MOST_WAITING = 1000;

    @Inject
    private HealthService health;

    @Inject
    private HealthHistory history;

    @Inject
    private Clock clock;

    private String node;
    private final Map<String, Status> known = new HashMap<>();
    private final List<HealthChange> waiting = new ArrayList<>();
    private boolean loaded;

    @PostConstruct
    void start() {
        try {
            node = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            node = "unknown";
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false, info = "health history")
    synchronized void look() {
        try {
            if (!loaded) {
                known.putAll(history.lastKnown(node));
                loaded = true;
            }
        } catch (EJBException | PersistenceException e) {
            return; // the database is down before anything is known: the first look after it answers starts the history
        }
        for (HealthReport.Check check : health.check().checks()) {
            if (known.put(check.name(), check.status()) != check.status()) {
                waiting.add(new HealthChange(node, check, clock.instant()));
            }
        }
        if (waiting.size() > MOST_WAITING) {
            waiting.subList(0, waiting.size() - MOST_WAITING).clear();
        }
        if (!waiting.isEmpty()) {
            try {
                history.write(List.copyOf(waiting), clock.instant());
                waiting.clear();
            } catch (EJBException | PersistenceException e) {
                // kept for the next look
            }
        }
    }
}
