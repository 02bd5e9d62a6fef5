package org.vigilvms.storage;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;

/**
 * The storage volumes: where each is, which may be written now, and their administration
 * (MANAGE_CAMERAS). A volume that fails a write is FAILED until an administrator enables it
 * again; one without room is FULL and comes back by itself (checked every 30 s).
 */
@PermitAll // internal calls from sealing and retention; administration checks AccessControl
@Stateless
public class StorageVolumes {

    @Inject
    private NodeRoles roles;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** A volume as administrators see it, with how it fills ({@link VolumeMeters}, every 10 s). */
    public record VolumeView(long id, String name, String path, Long quotaBytes, long usedBytes, long usableBytes,
                             String state, String stateReason, Instant stateSince, FillOutlook outlook) {

        /** The share of what Vigil may use of it that is used, 0..1. */
        public double fill() {
            long capacity = usedBytes + outlook.roomBytes();
            return capacity <= 0 ? 1 : (double) usedBytes / capacity;
        }
    }

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private VolumeMeters meters;

    /** Counts bytes written to (or, negative, freed on) a volume: one atomic UPDATE, so concurrent sealing and retention add up. */
    public void addUsed(StorageVolume volume, long bytes) {
        volume.addUsed(bytes);
        em.createNativeQuery("UPDATE storage_volume SET used_bytes = greatest(0, used_bytes + ?1) WHERE id = ?2")
                .setParameter(1, bytes).setParameter(2, volume.getId()).executeUpdate();
    }

    @Inject
    private InstallationPaths paths;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private AccessControl access;

    /** The directory of a volume (the default volume is the installation's storage folder). */
    public Path directory(StorageVolume volume) {
        return volume.getPath().isEmpty() ? paths.storage() : Path.of(volume.getPath());
    }

    /** Every volume's directory, in one query: callers walking many segments resolve them locally. */
    public VolumeDirectories directories() {
        Map<String, Path> byName = new HashMap<>();
        for (StorageVolume volume : em.createQuery("SELECT v FROM StorageVolume v", StorageVolume.class).getResultList()) {
            byName.put(volume.getName(), directory(volume));
        }
        return new VolumeDirectories(byName, paths.storage());
    }

    /** Volumes that may take writes, in the order to try them. */
    public List<StorageVolume> writable() {
        return em.createQuery("SELECT v FROM StorageVolume v WHERE v.state = org.vigilvms.storage.StorageVolume.State.ACTIVE "
                + "ORDER BY v.id", StorageVolume.class).getResultList();
    }

    /**
     * Creates a directory (and its parents) unless it exists: the check comes first because
     * {@code Files.createDirectories} throws (and fills a stack trace) for one that exists, which
     * the sealing would otherwise pay twice per segment.
     */
    static void ensureDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
    }

    /** Free space check: false (and the volume FULL) when the file system would drop below its reserve. */
    public boolean hasRoom(StorageVolume volume, long bytes) {
        try {
            Path dir = directory(volume);
            ensureDirectory(dir);
            // File.getUsableSpace is one statfs; Files.getFileStore reads the whole mount table first
            if (dir.toFile().getUsableSpace() - bytes < volume.getMinFreeBytes()) {
                markFull(volume.getId(), "less than " + volume.getMinFreeBytes() + " bytes would stay free");
                return false;
            }
            return true;
        } catch (IOException e) {
            markFailed(volume.getId(), e.toString());
            return false;
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW) // sticks even when the sealing rolls back
    public void markFailed(long volumeId, String reason) {
        StorageVolume volume = em.find(StorageVolume.class, volumeId);
        if (volume != null && volume.getState() != StorageVolume.State.FAILED) {
            volume.changeState(StorageVolume.State.FAILED, reason, clock.instant());
            VigilLog.LOG.volumeFailed(volume.getName(), reason);
            audit.record("system", "volume.failed", "volume:" + volume.getName(), AuditEvent.Outcome.FAILURE, reason);
        }
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void markFull(long volumeId, String reason) {
        StorageVolume volume = em.find(StorageVolume.class, volumeId);
        if (volume != null && volume.getState() == StorageVolume.State.ACTIVE) {
            volume.changeState(StorageVolume.State.FULL, reason, clock.instant());
            audit.record("system", "volume.full", "volume:" + volume.getName(), AuditEvent.Outcome.FAILURE, reason);
        }
    }

    /** FULL volumes with room again go back to ACTIVE. */
    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false, info = "volume check")
    void recheckFull() {
        if (!roles.has(NodeRole.RECORDER)) {
            return;
        }
        for (StorageVolume volume : em.createQuery("SELECT v FROM StorageVolume v WHERE v.state = "
                + "org.vigilvms.storage.StorageVolume.State.FULL", StorageVolume.class).getResultList()) {
            try {
                if (Files.getFileStore(directory(volume)).getUsableSpace() > volume.getMinFreeBytes() * 2
                        && volume.quotaAllows(0)) {
                    volume.changeState(StorageVolume.State.ACTIVE, "room again", clock.instant());
                    audit.record("system", "volume.active", "volume:" + volume.getName(), AuditEvent.Outcome.SUCCESS, null);
                }
            } catch (IOException e) {
                volume.changeState(StorageVolume.State.FAILED, e.toString(), clock.instant());
            }
        }
    }

    public List<VolumeView> list() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return em.createQuery("SELECT v FROM StorageVolume v ORDER BY v.id", StorageVolume.class).getResultList().stream()
                .map(this::view).toList();
    }

    public VolumeView add(String name, String path, Long quotaBytes) {
        access.require(AccessRight.MANAGE_CAMERAS);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidRequestException("name: 1-64 lower-case letters, digits or ._-");
        }
        if (path == null || !Path.of(path).isAbsolute() || path.length() > 1024 || !Path.of(path).normalize().toString().equals(path)) {
            throw new InvalidRequestException("path must be an absolute, normalised directory path");
        }
        if (quotaBytes != null && quotaBytes <= 0) {
            throw new InvalidRequestException("quotaBytes must be positive");
        }
        if (!em.createQuery("SELECT v.id FROM StorageVolume v WHERE v.name = :n").setParameter("n", name).getResultList().isEmpty()) {
            throw new InvalidRequestException("a volume named " + name + " exists already");
        }
        try {
            Files.createDirectories(Path.of(path));
        } catch (IOException e) {
            throw new InvalidRequestException("cannot use " + path + ": " + e.getMessage());
        }
        StorageVolume volume = new StorageVolume(name, path, quotaBytes, clock.instant());
        em.persist(volume);
        audit.record(access.caller().name(), "volume.added", "volume:" + name, AuditEvent.Outcome.SUCCESS,
                path + (quotaBytes == null ? "" : ", quota " + quotaBytes + " bytes"));
        return view(volume);
    }

    /** Sets a volume's quota (null: none) or enables / disables it. */
    public VolumeView update(long id, Long quotaBytes, StorageVolume.State state) {
        access.require(AccessRight.MANAGE_CAMERAS);
        StorageVolume volume = em.find(StorageVolume.class, id);
        if (volume == null) {
            throw new InvalidRequestException("no volume " + id);
        }
        if (quotaBytes != null) {
            if (quotaBytes <= 0) {
                throw new InvalidRequestException("quotaBytes must be positive");
            }
            volume.setQuotaBytes(quotaBytes);
        }
        if (state == StorageVolume.State.ACTIVE || state == StorageVolume.State.DISABLED) {
            volume.changeState(state, "set by " + access.caller().name(), clock.instant());
        } else if (state != null) {
            throw new InvalidRequestException("state can be set to ACTIVE or DISABLED");
        }
        audit.record(access.caller().name(), "volume.changed", "volume:" + volume.getName(), AuditEvent.Outcome.SUCCESS,
                "quota " + volume.getQuotaBytes() + ", state " + volume.getState());
        return view(volume);
    }

    private VolumeView view(StorageVolume v) {
        long usable;
        try {
            usable = Files.getFileStore(directory(v)).getUsableSpace();
        } catch (IOException e) {
            usable = -1;
        }
        long room = v.roomBytes(usable);
        FillOutlook outlook = meters.outlook(v.getName()).map(o -> new FillOutlook(room, o.trend(), o.daysLeft()))
                .orElse(new FillOutlook(room, FillOutlook.Trend.MEASURING, null));
        return new VolumeView(v.getId(), v.getName(), v.getPath().isEmpty() ? paths.storage().toString() : v.getPath(),
                v.getQuotaBytes(), v.getUsedBytes(), usable, v.getState().name(), v.getStateReason(), v.getStateSinceTs(), outlook);
    }
}
