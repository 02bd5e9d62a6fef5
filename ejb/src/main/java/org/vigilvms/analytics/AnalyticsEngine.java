package org.vigilvms.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.analytics.AnalyticsAlert;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.messaging.SignedSender;

/**
 * The analytics service's state: the configuration in force per camera, taken only from signed
 * messages whose configuration signature verifies with the management server's signing
 * certificate and whose version is newer than the one in force. Reports leave as svc-analytics.
 */
@ApplicationScoped
public class AnalyticsEngine {

    private static final Logger LOG = Logger.getLogger(AnalyticsEngine.class);

    private final Map<Long, AnalyticsConfiguration> inForce = new ConcurrentHashMap<>();
    private final Map<Long, Counters> counters = new ConcurrentHashMap<>();

    /** Pictures analysed and packets dropped (analysis behind) per camera since deployment. */
    public record Counters(LongAdder analysed, LongAdder dropped) {
    }

    /** What analytics did per camera: for operations and the benchmark. */
    public record CameraStats(long cameraId, int configVersion, long analysed, long dropped) {
    }

    Counters countersFor(long cameraId) {
        return counters.computeIfAbsent(cameraId, c -> new Counters(new LongAdder(),
                new LongAdder()));
    }

    public List<CameraStats> stats() {
        return inForce.values().stream().sorted(Comparator.comparingLong(AnalyticsConfiguration::cameraId))
                .map(c -> new CameraStats(c.cameraId(), c.version(), countersFor(c.cameraId()).analysed().sum(),
                        countersFor(c.cameraId()).dropped().sum())).toList();
    }

    @Inject
    private AuditLog audit;

    @Inject
    private SignedSender sender;

    /** Applies a configuration; false (audited) when its signature does not verify or it is not newer. */
    public boolean apply(AnalyticsConfiguration config) {
        if (!ConfigSignature.verifies(config)) {
            LOG.warnf("analytics refused configuration %d of camera %d: its signature does not verify",
                    config.version(), config.cameraId());
            audit.record(ServiceIdentity.ANALYTICS.principal(), "analytics.config.rejected", "camera:" + config.cameraId(),
                    AuditEvent.Outcome.REJECTED, "version " + config.version() + ": signature does not verify");
            return false;
        }
        AnalyticsConfiguration current = inForce.get(config.cameraId());
        if (current != null && current.version() >= config.version()) {
            return current.version() == config.version(); // the same again (republished) or an older one: kept as is
        }
        inForce.put(config.cameraId(), config);
        audit.record(ServiceIdentity.ANALYTICS.principal(), "analytics.config.applied", "camera:" + config.cameraId(),
                AuditEvent.Outcome.SUCCESS, "version " + config.version() + (config.enabled() ? ", " + config.zones().size()
                        + " zones, " + config.masks().size() + " masks, sensitivity " + config.sensitivity() : ", disabled"));
        return true;
    }

    /** The configuration in force, or null: nothing is analysed for that camera. */
    public AnalyticsConfiguration configFor(long cameraId) {
        return inForce.get(cameraId);
    }

    MotionAnalyzer.Reports reportsFor(long cameraId) {
        return new MotionAnalyzer.Reports() {
            @Override
            public void event(AnalyticsEvent event) {
                send(Destinations.ANALYTICS_EVENTS, AnalyticsEvent.TYPE, event);
            }

            @Override
            public void alert(String kind, long atMs, List<String> eventIds, String detail) {
                send(Destinations.ANALYTICS_EVENTS, AnalyticsAlert.TYPE,
                        new AnalyticsAlert(UUID.randomUUID().toString(), cameraId, kind, atMs, eventIds, detail));
            }
        };
    }

    private void send(String destination, String type, Record payload) {
        try {
            sender.send(ServiceIdentity.ANALYTICS, destination, type, payload);
        } catch (RuntimeException e) {
            LOG.errorf(e, "analytics could not report %s", type);
        }
    }
}
