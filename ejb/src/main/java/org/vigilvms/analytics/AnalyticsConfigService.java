package org.vigilvms.analytics;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.messaging.SignedSender;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.ServerSigningKey;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * Management side of analytics reference data (X.1453 T-INJ): each change of a camera's zones,
 * masks or sensitivity becomes a new version, signed with the server's signing key, stored,
 * audited and sent to analytics. Needs MANAGE_CAMERAS on the camera.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class AnalyticsConfigService {

    /** What an administrator sets; the version and signature are the server's. */
    public record Settings(boolean enabled, int sensitivity, boolean tamper, List<Region> zones, List<Region> masks) {
    }

    static final int MOST_REGIONS = 16;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private SignedSender sender;

    public AnalyticsConfiguration configure(long cameraId, Settings settings) {
        access.require(AccessRight.MANAGE_CAMERAS, cameraId);
        if (settings == null) {
            throw new InvalidRequestException("enabled, sensitivity, tamper, zones and masks are required");
        }
        List<Region> zones = settings.zones() == null ? List.of() : settings.zones();
        List<Region> masks = settings.masks() == null ? List.of() : settings.masks();
        if (settings.sensitivity() < 1 || settings.sensitivity() > 100) {
            throw new InvalidRequestException("sensitivity is 1..100");
        }
        if (zones.size() > MOST_REGIONS || masks.size() > MOST_REGIONS) {
            throw new InvalidRequestException("at most " + MOST_REGIONS + " zones and " + MOST_REGIONS + " masks");
        }
        if (settings.enabled() && zones.isEmpty() && !settings.tamper()) {
            throw new InvalidRequestException("an enabled analytics configuration needs a zone or tamper detection");
        }
        for (Region zone : zones) {
            if (zone.name() == null || zone.name().isBlank() || zone.name().length() > 64 || zone.name().contains(",")
                    || zone.name().contains(";") || zone.name().contains("|")) {
                throw new InvalidRequestException("every zone needs a name of at most 64 characters without , ; |");
            }
        }
        if (zones.stream().map(Region::name).distinct().count() != zones.size()) {
            throw new InvalidRequestException("zone names must differ");
        }
        Integer last = em.createQuery("SELECT max(v.version) FROM AnalyticsConfigVersion v WHERE v.cameraId = :c", Integer.class)
                .setParameter("c", cameraId).getSingleResult();
        int version = last == null ? 1 : last + 1;
        AnalyticsConfiguration unsigned = new AnalyticsConfiguration(cameraId, version, settings.enabled(), settings.sensitivity(),
                settings.tamper(), List.copyOf(zones), List.copyOf(masks), clock.millis(), null);
        AnalyticsConfiguration signed = unsigned.signed(
                Base64.getEncoder().encodeToString(ServerSigningKey.installation().sign(unsigned.signedBytes())));
        em.persist(new AnalyticsConfigVersion(cameraId, version, new String(MessageCodec.encode(signed), StandardCharsets.UTF_8),
                access.caller().name(), clock.instant()));
        audit.record(access.caller().name(), "analytics.configured", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                "version " + version + ": " + (settings.enabled() ? zones.size() + " zones " + zones.stream().map(Region::name).toList()
                        + ", " + masks.size() + " masks, sensitivity " + settings.sensitivity() + ", tamper " + settings.tamper()
                        : "disabled"));
        sender.send(ServiceIdentity.MANAGEMENT, Destinations.ANALYTICS_CONFIG, AnalyticsConfiguration.TYPE, signed);
        return signed;
    }

    /** The version in force for a camera, or null. */
    public AnalyticsConfiguration current(long cameraId) {
        access.require(AccessRight.MANAGE_CAMERAS, cameraId);
        List<AnalyticsConfigVersion> newest = newest(cameraId);
        return newest.isEmpty() ? null : decode(newest.get(0));
    }

    /**
     * Sends every camera's newest stored version, as stored (an analytics service that restarted,
     * or one on another host, gets its configuration again); returns how many were sent.
     */
    public int republish() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return republishAll();
    }

    @Inject
    private AnalyticsEngine engine;

    /** What the in-server analytics service did per camera (pictures analysed, packets dropped). */
    public List<AnalyticsEngine.CameraStats> stats() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return engine.stats();
    }

    /** At deployment: analytics keeps its configuration only in memory. */
    public int republishAll() {
        List<Long> cameras = em.createQuery("SELECT DISTINCT v.cameraId FROM AnalyticsConfigVersion v", Long.class).getResultList();
        int sent = 0;
        for (long camera : cameras) {
            if (em.find(Camera.class, camera) == null) {
                continue;
            }
            List<AnalyticsConfigVersion> newest = newest(camera);
            // the stored text is sent as it is: a row edited in the database fails its signature in analytics
            sender.send(ServiceIdentity.MANAGEMENT, Destinations.ANALYTICS_CONFIG, AnalyticsConfiguration.TYPE, decode(newest.get(0)));
            sent++;
        }
        return sent;
    }

    private List<AnalyticsConfigVersion> newest(long cameraId) {
        return em.createQuery("SELECT v FROM AnalyticsConfigVersion v WHERE v.cameraId = :c ORDER BY v.version DESC",
                AnalyticsConfigVersion.class).setParameter("c", cameraId).setMaxResults(1).getResultList();
    }

    private static AnalyticsConfiguration decode(AnalyticsConfigVersion version) {
        return MessageCodec.decode(version.getConfigJson().getBytes(StandardCharsets.UTF_8), AnalyticsConfiguration.class);
    }
}
