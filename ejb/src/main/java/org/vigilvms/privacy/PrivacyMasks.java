package org.vigilvms.privacy;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jboss.logging.Logger;
import org.vigilvms.analytics.AnalyticsConfigVersion;
import org.vigilvms.analytics.ConfigSignature;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.RefusedRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/**
 * The privacy masks a viewer must see burned into a camera's pictures: none for holders of
 * VIEW_UNMASKED on the camera; for everyone else the masks of the camera's newest analytics
 * configuration, used only when its signature verifies. A configuration whose signature fails
 * (edited in the database) shows that camera to nobody without VIEW_UNMASKED: the refusal is
 * audited ({@code privacy.refused}) and names the cause.
 */
@PermitAll // asked by services that have already checked the viewing right
@Stateless
public class PrivacyMasks {

    private static final Logger LOG = Logger.getLogger(PrivacyMasks.class);

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    /** {@link #hiddenFrom(Caller, long)} for the caller. */
    public List<Region> hiddenFromCaller(long cameraId) {
        return hiddenFrom(access.caller(), cameraId);
    }

    /** The regions of {@code cameraId} that {@code viewer} must not see (empty: nothing to mask). */
    public List<Region> hiddenFrom(Caller viewer, long cameraId) {
        return access.allowed(viewer, AccessRight.VIEW_UNMASKED, cameraId) ? List.of() : masksOf(viewer.name(), cameraId);
    }

    /**
     * The camera's privacy masks, for a viewer known not to hold VIEW_UNMASKED on it (an export
     * job running for its requester); {@code viewer} names whom a refusal is audited for.
     */
    public List<Region> masksOf(String viewer, long cameraId) {
        List<AnalyticsConfigVersion> newest = em.createQuery(
                        "SELECT v FROM AnalyticsConfigVersion v WHERE v.cameraId = :c ORDER BY v.version DESC", AnalyticsConfigVersion.class)
                .setParameter("c", cameraId).setMaxResults(1).getResultList();
        if (newest.isEmpty()) {
            return List.of();
        }
        AnalyticsConfiguration config = MessageCodec.decode(newest.get(0).getConfigJson().getBytes(StandardCharsets.UTF_8),
                AnalyticsConfiguration.class);
        if (config.cameraId() != cameraId || !ConfigSignature.verifies(config)) {
            String why = "the privacy masks of camera " + cameraId + " (version " + newest.get(0).getVersion()
                    + ") fail their signature: shown only to holders of VIEW_UNMASKED until an administrator saves them again";
            LOG.warn(why);
            audit.record(viewer, "privacy.refused", "camera:" + cameraId, AuditEvent.Outcome.REJECTED, why);
            throw new RefusedRequestException(why);
        }
        return config.masks() == null ? List.of() : List.copyOf(config.masks());
    }
}
