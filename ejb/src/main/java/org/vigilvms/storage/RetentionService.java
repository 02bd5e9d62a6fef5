package org.vigilvms.storage;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigilvms.approval.FourEyes;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.camera.RecordingSchedule;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/**
 * Deletes recordings older than each camera's maximum age, oldest first, never one that overlaps
 * an active evidence lock; deletions free the disk (the file goes) and are audited, the index row
 * stays as a tombstone so the hash chain still verifies. Locks are set and released by
 * holders of EVIDENCE_LOCK on the camera, both audited.
 */
@PermitAll // authorization per call through AccessControl; the timer runs as the server
@Stateless
public class RetentionService {

    @Inject
    private NodeRoles roles;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext session;

    @Inject
    private AccessControl access;

    @Inject
    private StorageVolumes volumes;

    @Inject
    private FourEyes fourEyes;

    public EvidenceLock lock(long cameraId, Instant from, Instant to, String reason) {
        access.require(AccessRight.EVIDENCE_LOCK, cameraId);
        if (em.find(Camera.class, cameraId) == null) {
            throw new InvalidRequestException("no camera " + cameraId);
        }
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidRequestException("an evidence lock needs from < to");
        }
        if (reason == null || reason.isBlank() || reason.length() > 512) {
            throw new InvalidRequestException("an evidence lock needs a reason (case number), at most 512 characters");
        }
        EvidenceLock lock = new EvidenceLock(cameraId, from, to, reason.trim(), caller(), clock.instant());
        em.persist(lock);
        audit.record(caller(), "evidence.locked", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                from + " .. " + to + ": " + reason.trim());
        return lock;
    }

    /**
     * An evidence lock an alarm rule asks for (its LOCK_RECORDING action): no user is calling, the
     * rule's author was checked when the rule was made. Never exposed to a client.
     */
    public void lockForAlarm(long cameraId, Instant from, Instant to, String reason) {
        em.persist(new EvidenceLock(cameraId, from, to, reason, "alarm", clock.instant()));
        audit.record("alarm", "evidence.locked", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS, from + " .. " + to + ": " + reason);
    }

    /** An evidence lock as listed: who set it, on what, why. */
    public record LockView(long id, long cameraId, Instant from, Instant to, String reason, String createdBy, Instant createdAt) {
    }

    /** Active evidence locks on the cameras the caller may lock and release. */
    public List<LockView> activeLocks() {
        Caller caller = access.caller();
        return em.createQuery("SELECT l FROM EvidenceLock l WHERE l.releasedTs IS NULL ORDER BY l.createdTs DESC", EvidenceLock.class)
                .setMaxResults(1000).getResultList().stream()
                .filter(l -> {
                    Camera camera = em.find(Camera.class, l.getCameraId());
                    return camera != null && access.allowed(caller, AccessRight.EVIDENCE_LOCK, camera.getId(), camera.getSite());
                })
                .map(l -> new LockView(l.getId(), l.getCameraId(), l.getFromTs(), l.getToTs(), l.getReason(), l.getCreatedBy(),
                        l.getCreatedTs()))
                .toList();
    }

    public void release(long lockId) {
        EvidenceLock lock = activeLock(lockId);
        access.require(AccessRight.EVIDENCE_LOCK, lock.getCameraId());
        if (fourEyes.required(FourEyes.EVIDENCE_RELEASE)) {
            fourEyes.hold(FourEyes.EVIDENCE_RELEASE, HeldTargets.of(lock.getCameraId()),
                    Map.of("lock", String.valueOf(lockId)), "release evidence lock " + lockId + " (" + lock.getReason()
                            + ", " + lock.getFromTs() + " .. " + lock.getToTs() + ")");
        }
        doRelease(lock, caller());
    }

    /** Four eyes: the approver (the caller) needs EVIDENCE_LOCK on the camera too. */
    public void releaseApproved(long lockId, String requester) {
        EvidenceLock lock = activeLock(lockId);
        access.require(AccessRight.EVIDENCE_LOCK, lock.getCameraId());
        doRelease(lock, requester + ", approved by " + caller());
    }

    public void requireReleaseRight(long lockId) {
        access.require(AccessRight.EVIDENCE_LOCK, activeLock(lockId).getCameraId());
    }

    private EvidenceLock activeLock(long lockId) {
        EvidenceLock lock = em.find(EvidenceLock.class, lockId);
        if (lock == null || !lock.isActive()) {
            throw new InvalidRequestException("no active evidence lock " + lockId);
        }
        return lock;
    }

    private void doRelease(EvidenceLock lock, String by) {
        lock.release(by, clock.instant());
        audit.record(caller(), "evidence.released", "camera:" + lock.getCameraId(), AuditEvent.Outcome.SUCCESS,
                "lock " + lock.getId() + " (" + lock.getReason() + ") by " + by);
    }

    /**
     * Deletes a camera's recordings in a range before retention would (e.g. a privacy request):
     * MANAGE_CAMERAS on the camera, a reason, whole segments inside the range only, never a
     * segment under an evidence lock; the index rows stay as tombstones, so the chain still
     * verifies and says what was deleted. Four eyes when configured.
     */
    public int deleteRange(long cameraId, Instant from, Instant to, String reason) {
        requireDeleteRight(cameraId);
        if (from == null || to == null || !to.isAfter(from)) {
            throw new InvalidRequestException("from and to are required, from before to");
        }
        if (reason == null || reason.isBlank() || reason.length() > 512) {
            throw new InvalidRequestException("a reason is required (at most 512 characters)");
        }
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("camera", String.valueOf(cameraId));
        payload.put("from", from.toString());
        payload.put("to", to.toString());
        payload.put("reason", URLEncoder.encode(reason.trim(), StandardCharsets.UTF_8));
        if (fourEyes.required(FourEyes.RECORDING_DELETE)) {
            fourEyes.hold(FourEyes.RECORDING_DELETE, HeldTargets.of(cameraId), payload,
                    "delete recordings of camera " + cameraId + " from " + from + " to " + to + " (" + reason.trim() + ")");
        }
        return doDelete(payload, caller());
    }

    public void requireDeleteRight(long cameraId) {
        if (em.find(Camera.class, cameraId) == null) {
            throw new InvalidRequestException("no camera " + cameraId);
        }
        access.require(AccessRight.MANAGE_CAMERAS, cameraId);
    }

    /** Four eyes: the approver (the caller) needs MANAGE_CAMERAS on the camera too. */
    public int deleteApproved(Map<String, String> payload, String requester) {
        requireDeleteRight(Long.parseLong(payload.get("camera")));
        return doDelete(payload, requester + ", approved by " + caller());
    }

    private int doDelete(Map<String, String> payload, String by) {
        long cameraId = Long.parseLong(payload.get("camera"));
        Instant from = Instant.parse(payload.get("from"));
        Instant to = Instant.parse(payload.get("to"));
        String reason = URLDecoder.decode(payload.get("reason"), StandardCharsets.UTF_8);
        Instant now = clock.instant();
        RunVolumes run = runVolumes();
        List<Segment> inside = em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.retiredTs IS NULL AND s.startTs >= :f AND s.endTs <= :t
                  AND NOT EXISTS (SELECT l FROM EvidenceLock l WHERE l.cameraId = s.cameraId AND l.releasedTs IS NULL
                                  AND l.fromTs < s.endTs AND l.toTs > s.startTs)
                ORDER BY s.startTs""", Segment.class)
                .setParameter("c", cameraId).setParameter("f", from).setParameter("t", to).getResultList();
        int deleted = 0;
        for (Segment segment : inside) {
            if (retire(segment, now, "deleted by " + by + ": " + reason, run)) {
                deleted++;
            }
        }
        audit.record(caller(), "segment.deleted", "camera:" + cameraId, AuditEvent.Outcome.SUCCESS,
                deleted + " segment(s) between " + from + " and " + to + " by " + by + ": " + reason);
        return deleted;
    }

    /** Runs retention now (administrators, e.g. after changing a camera's maximum age). */
    public int runNow() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return enforce();
    }

    @Schedule(hour = "*", minute = "*", second = "15", persistent = false, info = "retention")
    void scheduled() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        enforce();
    }

    /** The volumes as this run sees them: read once, not per deleted segment. */
    private record RunVolumes(VolumeDirectories directories, Map<String, StorageVolume> byName) {
    }

    private RunVolumes runVolumes() {
        Map<String, StorageVolume> byName = new HashMap<>();
        em.createQuery("SELECT v FROM StorageVolume v", StorageVolume.class).getResultList()
                .forEach(v -> byName.put(v.getName(), v));
        return new RunVolumes(volumes.directories(), byName);
    }

    private int enforce() {
        Instant now = clock.instant();
        RunVolumes run = runVolumes();
        int retired = 0;
        for (Camera camera : em.createQuery("SELECT c FROM Camera c", Camera.class).getResultList()) {
            Instant horizon = now.minusSeconds(camera.getRetentionMaxAgeSeconds());
            List<Segment> expired = em.createQuery("""
                    SELECT s FROM Segment s WHERE s.cameraId = :c AND s.retiredTs IS NULL AND s.endTs <= :h
                      AND NOT EXISTS (SELECT l FROM EvidenceLock l WHERE l.cameraId = s.cameraId AND l.releasedTs IS NULL
                                      AND l.fromTs < s.endTs AND l.toTs > s.startTs)
                    ORDER BY s.startTs""", Segment.class)
                    .setParameter("c", camera.getId()).setParameter("h", horizon).setMaxResults(5000).getResultList();
            if (expired.isEmpty()) {
                continue;
            }
            for (Segment segment : expired) {
                if (!retire(segment, now, "older than " + camera.getRetentionMaxAgeSeconds() + " s", run)) {
                    continue; // retried at the next run
                }
                retired++;
            }
            audit.record("system", "segment.deleted", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS,
                    expired.size() + " segment(s) from " + expired.get(0).getStartTs() + " to "
                            + expired.get(expired.size() - 1).getEndTs() + " (retention)");
        }
        return retired + enforceRecordingModes(now, run) + enforceQuotas(now, run);
    }

    /** A segment of a SCHEDULED or EVENT camera waits this long beyond its pre-buffer for an event to claim it. */
    static final Duration EVENT_WAIT = Duration.ofSeconds(10);

    /**
     * Scheduled and event recording: the recorder writes continuously (live view, analytics and
     * the pre-buffer need it); here, segments of the last day that the camera's mode does not
     * want are deleted once no event can claim them any more — outside the timetable, or outside
     * every event's window [start - pre-buffer, end + post-buffer]. Evidence locks win, as always.
     */
    private int enforceRecordingModes(Instant now, RunVolumes run) {
        int retired = 0;
        for (Camera camera : em.createQuery("SELECT c FROM Camera c WHERE c.recordingMode <> 'CONTINUOUS'", Camera.class)
                .getResultList()) {
            boolean scheduled = "SCHEDULED".equals(camera.getRecordingMode());
            Duration pre = Duration.ofSeconds(camera.getPreBufferSeconds());
            Duration post = Duration.ofSeconds(camera.getPostBufferSeconds());
            Instant settled = now.minus(scheduled ? EVENT_WAIT : pre.plus(EVENT_WAIT));
            List<Segment> candidates = em.createQuery("""
                    SELECT s FROM Segment s WHERE s.cameraId = :c AND s.retiredTs IS NULL AND s.endTs <= :settled
                      AND s.endTs > :since
                      AND NOT EXISTS (SELECT l FROM EvidenceLock l WHERE l.cameraId = s.cameraId AND l.releasedTs IS NULL
                                      AND l.fromTs < s.endTs AND l.toTs > s.startTs)
                    ORDER BY s.startTs""", Segment.class)
                    .setParameter("c", camera.getId()).setParameter("settled", settled)
                    .setParameter("since", now.minus(Duration.ofDays(1))).setMaxResults(5000).getResultList();
            if (candidates.isEmpty()) {
                continue;
            }
            RecordingSchedule schedule;
            try {
                schedule = scheduled ? RecordingSchedule.parse(camera.getRecordingSchedule(),
                        camera.getScheduleTimeZone()) : null;
            } catch (IllegalArgumentException e) {
                continue; // validated when set; a row edited by hand keeps everything rather than lose video
            }
            List<Instant[]> windows = scheduled ? List.of() : em.createQuery("""
                    SELECT e.startTs, e.endTs FROM StoredEvent e WHERE e.cameraId = :c AND e.endTs >= :from AND e.startTs <= :to""",
                    Object[].class).setParameter("c", camera.getId())
                    .setParameter("from", candidates.get(0).getStartTs().minus(post))
                    .setParameter("to", candidates.get(candidates.size() - 1).getEndTs().plus(pre)).getResultList().stream()
                    .map(r -> new Instant[] {((Instant) r[0]).minus(pre), ((Instant) r[1]).plus(post)}).toList();
            int count = 0;
            for (Segment segment : candidates) {
                boolean wanted = scheduled
                        ? schedule.covers(segment.getStartTs()) || schedule.covers(segment.getEndTs().minusMillis(1))
                        : windows.stream().anyMatch(w -> w[0].isBefore(segment.getEndTs()) && w[1].isAfter(segment.getStartTs()));
                if (!wanted && retire(segment, now, scheduled ? "outside the recording schedule" : "outside every event's window", run)) {
                    count++;
                }
            }
            if (count > 0) {
                audit.record("system", "segment.deleted", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS,
                        count + " segment(s) up to " + settled + " (recording mode " + camera.getRecordingMode() + ")");
            }
            retired += count;
        }
        return retired;
    }

    /** Per volume over its quota: oldest unlocked segments first, down to 90 % of the quota. */
    private int enforceQuotas(Instant now, RunVolumes run) {
        int retired = 0;
        for (StorageVolume volume : run.byName().values().stream().filter(v -> v.getQuotaBytes() != null)
                .sorted(Comparator.comparing(StorageVolume::getId)).toList()) {
            long target = volume.getQuotaBytes() / 10 * 9;
            if (volume.getUsedBytes() <= target) {
                continue;
            }
            List<Segment> oldest = em.createQuery("""
                    SELECT s FROM Segment s WHERE s.volume = :v AND s.retiredTs IS NULL
                      AND NOT EXISTS (SELECT l FROM EvidenceLock l WHERE l.cameraId = s.cameraId AND l.releasedTs IS NULL
                                      AND l.fromTs < s.endTs AND l.toTs > s.startTs)
                    ORDER BY s.startTs""", Segment.class).setParameter("v", volume.getName()).setMaxResults(5000).getResultList();
            int count = 0;
            Instant first = null;
            Instant last = null;
            for (Segment segment : oldest) {
                if (volume.getUsedBytes() <= target) {
                    break;
                }
                if (retire(segment, now, "volume " + volume.getName() + " over its quota", run)) {
                    first = first == null ? segment.getStartTs() : first;
                    last = segment.getEndTs();
                    count++;
                }
            }
            if (count > 0) {
                audit.record("system", "segment.deleted", "volume:" + volume.getName(), AuditEvent.Outcome.SUCCESS,
                        count + " segment(s) from " + first + " to " + last + " (quota " + volume.getQuotaBytes() + " bytes)");
            }
            retired += count;
        }
        return retired;
    }

    /** Deletes the file, keeps the row as a tombstone, gives the bytes back to the volume. */
    private boolean retire(Segment segment, Instant now, String reason, RunVolumes run) {
        try {
            Files.deleteIfExists(run.directories().file(segment));
        } catch (IOException e) {
            return false;
        }
        segment.retire(now, reason);
        StorageVolume volume = run.byName().get(segment.getVolume());
        if (volume != null) {
            volumes.addUsed(volume, -segment.getBytes());
        }
        return true;
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }
}
