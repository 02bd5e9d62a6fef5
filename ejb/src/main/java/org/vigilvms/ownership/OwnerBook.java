package org.vigilvms.ownership;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.keys.NodeSealKey;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.ownership.OwnershipPlan.Move;
import org.vigilvms.platform.NodeName;

/**
 * The record of which node records which camera ({@code camera_owner}) and which recorder nodes
 * are alive ({@code recorder_node}). Every change of an owner locks the camera's row first, as the
 * sealing of its segments does, so a segment is judged against the owner before or after the
 * change, never in between; a claim of an unowned camera and a move of it are decided by the
 * owner row, whichever commits first.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class OwnerBook {

    /**
     * A recorder node is trusted with cameras only while the registry holds its recorder's and its
     * storage service's keys, not revoked: a node whose keys still wait for an administrator's
     * approval (or were revoked) would record segments that no one accepts.
     */
    private static final String KEYS_APPROVED = """
            EXISTS (SELECT 1 FROM service_key k WHERE k.producer = '%1$s@' || %3$s AND k.revoked_ts IS NULL)
            AND EXISTS (SELECT 1 FROM service_key k WHERE k.producer = '%2$s@' || %3$s AND k.revoked_ts IS NULL)""";

    /** How long a recorder node counts as alive after it last renewed its lease. */
    public static final Duration LEASE = Duration.ofSeconds(5);

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    /**
     * The recorder on {@code node} is alive: its lease runs {@link #LEASE} from now (database time).
     * A node that opens its cameras' secrets with a key of its own publishes that key's certificate
     * with it, for the management node to seal them for ({@link CameraSeals}).
     */
    public void renewLease(NodeName node) {
        Optional<NodeSealKey> sealKey = NodeSealKey.ofThisNode();
        if (sealKey.isEmpty()) {
            em.createNativeQuery("""
                    INSERT INTO recorder_node (node, lease_until) VALUES (?1, now() + make_interval(secs => ?2))
                    ON CONFLICT (node) DO UPDATE SET lease_until = excluded.lease_until""")
                    .setParameter(1, node.value()).setParameter(2, (double) LEASE.toSeconds()).executeUpdate();
            return;
        }
        em.createNativeQuery("""
                INSERT INTO recorder_node (node, lease_until, seal_certificate) VALUES (?1, now() + make_interval(secs => ?2), ?3)
                ON CONFLICT (node) DO UPDATE SET lease_until = excluded.lease_until, seal_certificate = excluded.seal_certificate""")
                .setParameter(1, node.value()).setParameter(2, (double) LEASE.toSeconds())
                .setParameter(3, sealKey.get().certificateBytes()).executeUpdate();
    }

    /**
     * Makes {@code node} the owner (epoch 1) of every enabled camera that has no owner yet, so a
     * camera just added is recorded at once; a camera someone owns, or one pinned to another node,
     * is never taken here (that is {@link #move}). Two recorders claiming together: the first
     * insert wins, the other's does nothing. A node whose keys are not approved claims nothing.
     */
    public int claimUnowned(NodeName node) {
        return em.createNativeQuery("""
                INSERT INTO camera_owner (camera_id, node, epoch, since)
                SELECT c.id, ?1, 1, now() FROM camera c
                 WHERE c.enabled AND (c.recorder_pin IS NULL OR c.recorder_pin = ?1)
                   AND NOT EXISTS (SELECT 1 FROM camera_owner o WHERE o.camera_id = c.id) AND """
                + " " + keysApproved("?1") + " ON CONFLICT (camera_id) DO NOTHING").setParameter(1, node.value()).executeUpdate();
    }

    /** The cameras {@code node} owns, each with the epoch it owns it under. */
    public Map<Long, Long> ownedBy(NodeName node) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT camera_id, epoch FROM camera_owner WHERE node = ?1")
                .setParameter(1, node.value()).getResultList();
        Map<Long, Long> owned = new HashMap<>();
        rows.forEach(r -> owned.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return owned;
    }

    /** The recorder nodes that can take cameras: their lease has not run out and their keys are approved. */
    public Set<String> liveNodes() {
        @SuppressWarnings("unchecked")
        List<String> nodes = em.createNativeQuery("SELECT n.node FROM recorder_node n WHERE n.lease_until > now() AND "
                + keysApproved("n.node")).getResultList();
        return Set.copyOf(nodes);
    }

    private static String keysApproved(String node) {
        return KEYS_APPROVED.formatted(ServiceIdentity.RECORDER.principal(), ServiceIdentity.STORAGE.principal(), node);
    }

    /** The cameras to be recorded: the enabled ones. */
    public Set<Long> enabledCameras() {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM camera WHERE enabled").getResultList();
        return ids.stream().map(Number::longValue).collect(Collectors.toSet());
    }

    /** The node that records {@code cameraId}; empty while nobody owns it (disabled, or not claimed yet). */
    public Optional<String> ownerOf(long cameraId) {
        @SuppressWarnings("unchecked")
        List<String> owner = em.createNativeQuery("SELECT node FROM camera_owner WHERE camera_id = ?1")
                .setParameter(1, cameraId).getResultList();
        return owner.stream().findFirst();
    }

    /** The node each pinned camera must be recorded by (enabled cameras only). */
    public Map<Long, String> pins() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, recorder_pin FROM camera WHERE enabled AND recorder_pin IS NOT NULL")
                .getResultList();
        Map<Long, String> pins = new HashMap<>();
        rows.forEach(r -> pins.put(((Number) r[0]).longValue(), (String) r[1]));
        return pins;
    }

    /** Each owned camera's owner. */
    public Map<Long, String> owners() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT camera_id, node FROM camera_owner").getResultList();
        Map<Long, String> owners = new HashMap<>();
        rows.forEach(r -> owners.put(((Number) r[0]).longValue(), (String) r[1]));
        return owners;
    }

    /**
     * Hands a camera to another node under the next epoch, in a transaction of its own, unless its
     * owner changed since the plan was made (then the next plan sees the new state). With
     * {@code handover} (its owner is alive) the owner may still add the segment it is recording
     * ({@link ChainFence}). Audited. Returns whether it moved.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean move(Move move, boolean handover, String actor) {
        // NO KEY UPDATE, as the sealing: the two wait for each other, but an owner row claimed for the camera
        // meanwhile (whose foreign key takes KEY SHARE on the camera) does not wait for this lock while this
        // transaction waits for that row, which PostgreSQL ended as a deadlock
        List<?> camera = em.createNativeQuery("SELECT id FROM camera WHERE id = ?1 FOR NO KEY UPDATE")
                .setParameter(1, move.cameraId()).getResultList();
        if (camera.isEmpty()) {
            return false;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> current = em.createNativeQuery("SELECT node, epoch FROM camera_owner WHERE camera_id = ?1")
                .setParameter(1, move.cameraId()).getResultList();
        String owner = current.isEmpty() ? null : (String) current.get(0)[0];
        long epoch = current.isEmpty() ? 0 : ((Number) current.get(0)[1]).longValue();
        if (owner == null ? move.from() != null : !owner.equals(move.from())) {
            return false;
        }
        // only over the owner read above: a claim that committed since (an owner where none was) stays
        int changed = em.createNativeQuery("""
                INSERT INTO camera_owner (camera_id, node, epoch, since, handover_until)
                VALUES (?1, ?2, ?3, now(), CASE WHEN ?6 THEN now() + make_interval(secs => ?7) END)
                ON CONFLICT (camera_id) DO UPDATE SET node = excluded.node, epoch = excluded.epoch, since = excluded.since,
                                                      handover_until = excluded.handover_until
                 WHERE camera_owner.node = ?4 AND camera_owner.epoch = ?5""")
                .setParameter(1, move.cameraId()).setParameter(2, move.to()).setParameter(3, epoch + 1)
                .setParameter(4, owner == null ? "" : owner).setParameter(5, epoch)
                .setParameter(6, handover && owner != null).setParameter(7, ChainFence.HANDOVER.toMillis() / 1000.0).executeUpdate();
        if (changed == 0) {
            return false;
        }
        String detail = (owner == null ? "no owner" : owner + " (epoch " + epoch + ")") + " -> " + move.to() + " (epoch " + (epoch + 1) + ")"
                + (handover && owner != null ? ", handed over" : "");
        audit.record(actor, "camera.owner", "camera:" + move.cameraId(), AuditEvent.Outcome.SUCCESS, detail);
        VigilLog.LOG.cameraOwnerMoved(move.cameraId(), detail);
        return true;
    }
}
