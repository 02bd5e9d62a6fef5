package org.vigilvms.health;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.vigilvms.camera.CameraDirectory;
import org.vigilvms.health.HealthReport.Check;
import org.vigilvms.health.HealthReport.Status;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.NodeName;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.video.VideoRuntime;

/**
 * Checks what the server needs to do its job: the database answers, the broker carries the
 * management service's own signed heartbeats, the storage volume is writable with space left,
 * and the video libraries load.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HealthService {

    /** A heartbeat older than this means the backbone is not delivering. */
    static final Duration BROKER_STALE_AFTER = Duration.ofSeconds(HeartbeatPublisher.PERIOD_SECONDS * 4L);
    /** Below this much free space the storage volume counts as down. */
    static final long MIN_FREE_BYTES = 512L * 1024 * 1024;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private NodeName node;

    @Inject
    private NodeRoles roles;

    @Inject
    private HeartbeatService heartbeats;

    @Inject
    private InstallationPaths paths;

    @Inject
    private Clock clock;

    @Inject
    private VideoRuntime video;

    @Inject
    private AccessControl access;

    @Inject
    private CameraDirectory cameras;

    @Inject
    private HealthHistory historyStore;

    /**
     * The report with every check's detail (versions, free space, heartbeat ages) for those who
     * run the system (MANAGE_CAMERAS); the open endpoint says only up or down, since such detail
     * helps an attacker choose an exploit.
     */
    public HealthReport detailedReport() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return check();
    }

    /** Up or down, and nothing more: what anyone may know. */
    public Status status() {
        return check().status();
    }

    /** The newest changes of the checks on every node (MANAGE_CAMERAS, like the detailed report). */
    public List<HealthChange> history(int most) {
        access.require(AccessRight.MANAGE_CAMERAS);
        return historyStore.newest(Math.max(1, Math.min(most, 500)));
    }

    /** The services heard on the backbone, with their node and version (MANAGE_CAMERAS). */
    public List<ServiceHeartbeatRecord> services() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return em.createQuery("SELECT h FROM ServiceHeartbeatRecord h ORDER BY h.producer", ServiceHeartbeatRecord.class)
                .getResultList();
    }

    public HealthReport check() {
        Check database = database();
        Check broker = database.status() == Status.UP
                ? broker() : new Check("broker", Status.DOWN, "unknown while the database is down");
        return HealthReport.of(database.status() == Status.UP ? List.of(database, broker, storage(), video(), cameraTransport())
                : List.of(database, broker, storage(), video()));
    }

    private Check database() {
        try {
            Object version = em.createNativeQuery("SELECT current_setting('server_version')").getSingleResult();
            return new Check("database", Status.UP, "PostgreSQL " + version);
        } catch (RuntimeException e) {
            return new Check("database", Status.DOWN, "database unreachable");
        }
    }

    /**
     * The signed heartbeat of this node's first service (management on the management node), as
     * the management server received it: on another node it went through the outbox and the
     * bridge, so this check covers both brokers, and it stays DOWN while the node's keys wait
     * for approval (the management server rejects what they sign).
     */
    private Check broker() {
        return heartbeats.latest(ProducerName.of(roles.services().iterator().next(), node.value()))
                .map(h -> {
                    Duration age = Duration.between(h.getLastReceivedTs(), clock.instant());
                    return age.compareTo(BROKER_STALE_AFTER) <= 0
                            ? new Check("broker", Status.UP, "signed heartbeat round trip " + age.toMillis() + " ms ago")
                            : new Check("broker", Status.DOWN, "no heartbeat for " + age.toSeconds() + " s");
                })
                .orElseGet(() -> new Check("broker", Status.DOWN, "no heartbeat received yet"));
    }

    /** Up either way: plain transports were accepted by an administrator; the count keeps them in view. */
    private Check cameraTransport() {
        long insecure = cameras.insecureTransports();
        return new Check("cameras", Status.UP, insecure == 0 ? "every enabled camera on an encrypted transport"
                : insecure + " enabled camera(s) on an accepted insecure transport (plain RTSP or ONVIF over HTTP)");
    }

    private Check video() {
        try {
            return new Check("video", Status.UP, video.describe());
        } catch (LinkageError | RuntimeException e) {
            return new Check("video", Status.DOWN, "video libraries unavailable");
        }
    }

    private Check storage() {
        Path dir = paths.storage();
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                return new Check("storage", Status.DOWN, "storage volume not writable");
            }
            long free = Files.getFileStore(dir).getUsableSpace();
            return free >= MIN_FREE_BYTES
                    ? new Check("storage", Status.UP, (free / (1024 * 1024)) + " MiB free")
                    : new Check("storage", Status.DOWN, "only " + (free / (1024 * 1024)) + " MiB free");
        } catch (IOException e) {
            return new Check("storage", Status.DOWN, "storage volume unavailable");
        }
    }
}
