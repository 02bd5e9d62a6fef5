package org.vigilvms.export;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.evidence.ChainLink;
import org.vigilvms.storage.Segment;

/**
 * The job's state as the runner moves it, each step committed on its own so the console sees
 * progress while the export is still being written.
 */
@PermitAll // internal service: called by the export runner only
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ExportJobs {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    /** Marks the job running; null when it is not queued (already run, rejected, unknown). */
    public ExportJob start(UUID id) {
        ExportJob job = em.find(ExportJob.class, id);
        if (job == null || job.getState() != ExportJob.State.QUEUED) {
            return null;
        }
        job.running();
        return job;
    }

    public void progress(UUID id, int percent, String message) {
        em.find(ExportJob.class, id).progress(percent, message);
    }

    public void done(UUID id, String fileName, long bytes, byte[] sha256) {
        ExportJob job = em.find(ExportJob.class, id);
        job.done(fileName, bytes, sha256, clock.instant());
        audit.record(job.getRequestedBy(), "export.completed", "export:" + id, AuditEvent.Outcome.SUCCESS,
                fileName + ", " + bytes + " bytes, sha256 " + ChainLink.hex(sha256));
    }

    public void failed(UUID id, String why) {
        ExportJob job = em.find(ExportJob.class, id);
        job.failed(why, clock.instant());
        audit.record(job.getRequestedBy(), "export.failed", "export:" + id, AuditEvent.Outcome.FAILURE, why);
    }

    /** Stored segments of a camera that overlap the range, in chain order. */
    public List<Segment> segments(long cameraId, Instant from, Instant to) {
        return em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.startTs < :to AND s.endTs > :from
                  AND s.retiredTs IS NULL ORDER BY s.chainSeq""", Segment.class)
                .setParameter("c", cameraId).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /** The chain link before position {@code chainSeq}: null for the first. */
    public byte[] previousLink(long cameraId, long chainSeq) {
        List<byte[]> found = em.createQuery("SELECT s.chainHash FROM Segment s WHERE s.cameraId = :c AND s.chainSeq = :q",
                byte[].class).setParameter("c", cameraId).setParameter("q", chainSeq - 1).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Jobs a restart interrupted cannot resume (their passwords are gone): they fail, saying so. */
    public int failInterrupted() {
        List<ExportJob> interrupted = em.createQuery("SELECT j FROM ExportJob j WHERE j.state IN :s", ExportJob.class)
                .setParameter("s", List.of(ExportJob.State.QUEUED, ExportJob.State.RUNNING)).getResultList();
        interrupted.forEach(j -> {
            j.failed("interrupted by a server restart; ask for the export again", clock.instant());
            audit.record("system", "export.failed", "export:" + j.getId(), AuditEvent.Outcome.FAILURE, "server restart");
        });
        return interrupted.size();
    }
}
