package org.vigilvms.ownership;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The recorder nodes as those who run the system see them (MANAGE_CAMERAS, refused and audited
 * otherwise): each node's lease, whether it is alive, and how many enabled cameras it records.
 */
@PermitAll // every caller is checked in the method, against their rights
@Stateless
public class RecorderNodes {

    /** A recorder node: alive while its lease runs; {@code cameras}: the enabled cameras it owns. */
    public record RecorderNode(String node, Instant leaseUntil, boolean alive, long cameras) {
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    public List<RecorderNode> list() {
        access.require(AccessRight.MANAGE_CAMERAS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT n.node, n.lease_until, n.lease_until > now(),
                       (SELECT count(*) FROM camera_owner o JOIN camera c ON c.id = o.camera_id
                         WHERE o.node = n.node AND c.enabled)
                  FROM recorder_node n ORDER BY n.node""").getResultList();
        return rows.stream().map(r -> new RecorderNode((String) r[0], instant(r[1]), (Boolean) r[2], ((Number) r[3]).longValue()))
                .toList();
    }

    /**
     * The names of the recorder nodes the installation knows, alive or not, for anyone who manages
     * a camera anywhere (to pin one to a node); nobody else is told them.
     */
    public List<String> names() {
        if (!access.holdsAnywhere(AccessRight.MANAGE_CAMERAS)) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("SELECT node FROM recorder_node ORDER BY node").getResultList();
        return names;
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return value instanceof Timestamp ts ? ts.toInstant() : (Instant) value;
    }
}
