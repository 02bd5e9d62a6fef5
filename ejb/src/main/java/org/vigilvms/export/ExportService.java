package org.vigilvms.export;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.evidence.ChainLink;
import org.vigilvms.evidence.ExportPackage;
import org.vigilvms.platform.AfterCompletion;
import org.vigilvms.platform.FreeText;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.ServerSigningKey;
import org.vigilvms.privacy.PrivacyMasks;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessDeniedException;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;

/**
 * Evidence exports (X.1453 I-3): EXPORT on every camera is checked here for each call, whatever
 * the client; every request, approval, refusal and download is audited. When the installation
 * requires it ({@code vigil.export.approval=required}), a second person with EXPORT on the same
 * cameras approves before the job runs (four eyes). A camera's sound goes into the export only
 * when the requester holds LISTEN on it; otherwise its pictures are exported without it. A
 * requester without VIEW_UNMASKED on a camera gets its pictures with the privacy masks burned in.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class ExportService {

    static final int MOST_CAMERAS = 16;
    static final Duration LONGEST_RANGE = Duration.ofHours(24);
    static final int SHORTEST_PASSWORD = 12;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private ExportPasswords passwords;

    @Inject
    private ExportRunner runner;

    @Inject
    private ExportJobs jobs;

    @Inject
    private InstallationPaths paths;

    @Inject
    private PrivacyMasks privacy;

    @Resource
    private ManagedExecutorService executor;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Whether exports wait for a second person's approval (system property {@code vigil.export.approval}). */
    public boolean approvalRequired() {
        return "required".equalsIgnoreCase(System.getProperty("vigil.export.approval", "none"));
    }

    public ExportJobView request(ExportRequest request) {
        if (request == null || request.cameras() == null || request.cameras().isEmpty()) {
            throw new InvalidExportException("name at least one camera");
        }
        List<Long> cameras = List.copyOf(new LinkedHashSet<>(request.cameras()));
        if (cameras.size() > MOST_CAMERAS) {
            throw new InvalidExportException("at most " + MOST_CAMERAS + " cameras in one export");
        }
        for (long camera : cameras) {
            access.require(AccessRight.EXPORT, camera);
        }
        if (request.from() == null || request.to() == null || !request.to().isAfter(request.from())) {
            throw new InvalidExportException("from and to are required, from before to");
        }
        if (Duration.between(request.from(), request.to()).compareTo(LONGEST_RANGE) > 0) {
            throw new InvalidExportException("at most " + LONGEST_RANGE.toHours() + " hours in one export");
        }
        if (request.to().isAfter(clock.instant().plusSeconds(60))) {
            throw new InvalidExportException("the range ends in the future");
        }
        String reason = request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > 1024) {
            throw new InvalidExportException("a reason is required (at most 1024 characters): it goes into the signed manifest");
        }
        String caseNumber = request.caseNumber() == null || request.caseNumber().isBlank() ? null : request.caseNumber().strip();
        if (caseNumber != null && caseNumber.length() > 128) {
            throw new InvalidExportException("a case number has at most 128 characters");
        }
        String text = FreeText.problem("the reason", reason);
        text = text != null ? text : FreeText.problem("the case number", caseNumber);
        if (text != null) {
            throw new InvalidExportException(text);
        }
        if (request.password() != null && request.password().length() < SHORTEST_PASSWORD) {
            throw new InvalidExportException("an export password needs at least " + SHORTEST_PASSWORD + " characters");
        }
        for (long camera : cameras) {
            if (jobs.segments(camera, request.from(), request.to()).isEmpty()) {
                throw new InvalidExportException("camera " + camera + " has no recording between " + request.from()
                        + " and " + request.to());
            }
        }
        Caller caller = access.caller();
        boolean approval = approvalRequired();
        ExportJob job = new ExportJob(caller.name(), clock.instant(), cameras, request.from(), request.to(), reason, caseNumber,
                request.password() != null, approval ? ExportJob.State.AWAITING_APPROVAL : ExportJob.State.QUEUED);
        List<Long> soundless = cameras.stream().filter(c -> !access.allowed(caller, AccessRight.LISTEN, c)).toList();
        job.leaveOutSound(soundless);
        List<Long> unmaskedNotAllowed = cameras.stream().filter(c -> !access.allowed(caller, AccessRight.VIEW_UNMASKED, c)).toList();
        job.burnInMasks(unmaskedNotAllowed);
        List<Long> masked = unmaskedNotAllowed.stream().filter(c -> !privacy.masksOf(caller.name(), c).isEmpty()).toList();
        em.persist(job);
        audit.record(caller.name(), "export.requested", "export:" + job.getId(), AuditEvent.Outcome.SUCCESS,
                "cameras " + cameras + ", " + request.from() + " .. " + request.to() + ", reason: " + reason
                        + (caseNumber == null ? "" : ", case " + caseNumber) + (request.password() != null ? ", encrypted" : "")
                        + (soundless.isEmpty() ? "" : ", without sound for cameras " + soundless + " (lacks LISTEN)")
                        + (masked.isEmpty() ? "" : ", privacy masks burned in for cameras " + masked + " (lacks VIEW_UNMASKED)")
                        + (approval ? ", awaiting approval" : ""));
        if (request.password() != null) {
            passwords.keep(job.getId(), request.password().toCharArray());
        }
        if (!approval) {
            runAfterCommit(job.getId());
        }
        return job.view();
    }

    /** The caller's own exports, newest first. */
    public List<ExportJobView> mine() {
        Caller caller = access.caller();
        return em.createQuery("SELECT j FROM ExportJob j WHERE j.requestedBy = :u ORDER BY j.requestedTs DESC", ExportJob.class)
                .setParameter("u", caller.name()).setMaxResults(50).getResultList().stream().map(ExportJob::view).toList();
    }

    /** Exports waiting for a second person that the caller may approve (EXPORT on all their cameras, not their own). */
    public List<ExportJobView> awaitingMyApproval() {
        Caller caller = access.caller();
        return em.createQuery("SELECT j FROM ExportJob j WHERE j.state = :s ORDER BY j.requestedTs", ExportJob.class)
                .setParameter("s", ExportJob.State.AWAITING_APPROVAL).getResultList().stream()
                .filter(j -> !j.getRequestedBy().equalsIgnoreCase(caller.name()) && mayExportAll(caller, j))
                .map(ExportJob::view).toList();
    }

    /** One job: for its requester, or for someone who could approve or export the same cameras. */
    public ExportJobView job(UUID id) {
        return visible(id).view();
    }

    public ExportJobView approve(UUID id) {
        ExportJob job = decidable(id);
        job.approve(access.caller().name(), clock.instant());
        audit.record(access.caller().name(), "export.approved", "export:" + id, AuditEvent.Outcome.SUCCESS,
                "requested by " + job.getRequestedBy());
        runAfterCommit(id);
        return job.view();
    }

    public ExportJobView reject(UUID id, String why) {
        ExportJob job = decidable(id);
        String reason = why == null || why.isBlank() ? "rejected" : why.strip();
        String text = FreeText.problem("the reason", reason);
        if (text != null) {
            throw new InvalidExportException(text);
        }
        job.reject(access.caller().name(), clock.instant(), reason.length() > 1000 ? reason.substring(0, 1000) : reason);
        passwords.forget(id);
        audit.record(access.caller().name(), "export.rejected", "export:" + id, AuditEvent.Outcome.SUCCESS, reason);
        return job.view();
    }

    /**
     * The finished package for its requester only, EXPORT re-checked on every camera; refused when
     * the file on disk no longer has the hash it was written with.
     */
    public Path download(UUID id) {
        Caller caller = access.caller();
        ExportJob job = em.find(ExportJob.class, id);
        if (job == null || !job.getRequestedBy().equalsIgnoreCase(caller.name())) {
            audit.record(caller.name(), "access.denied", "export:" + id, AuditEvent.Outcome.REJECTED, "not the requester");
            throw new AccessDeniedException(caller.name() + " did not ask for export " + id);
        }
        for (long camera : job.cameras()) {
            access.require(AccessRight.EXPORT, camera);
        }
        if (job.getState() != ExportJob.State.DONE) {
            throw new InvalidExportException("export " + id + " is " + job.getState() + ", not ready");
        }
        Path file = paths.exportsDir().resolve(job.getFileName());
        try {
            if (!Arrays.equals(ChainLink.unhex(ExportPackage.sha256(file)), job.getFileSha256())) {
                audit.record(caller.name(), "export.downloaded", "export:" + id, AuditEvent.Outcome.FAILURE,
                        "package changed on disk since it was written");
                throw new IllegalStateException("the package of export " + id + " changed on disk since it was written");
            }
        } catch (IOException e) {
            throw new IllegalStateException("the package of export " + id + " cannot be read: " + e.getMessage(), e);
        }
        audit.record(caller.name(), "export.downloaded", "export:" + id, AuditEvent.Outcome.SUCCESS, job.getFileName());
        return file;
    }

    /** The internal CA certificate (PEM) investigators check exports against. */
    public String issuerCertificatePem() {
        List<X509Certificate> chain = ServerSigningKey.installation().chain();
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(chain.get(chain.size() - 1).getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ExportJob visible(UUID id) {
        Caller caller = access.caller();
        ExportJob job = em.find(ExportJob.class, id);
        if (job != null && (job.getRequestedBy().equalsIgnoreCase(caller.name()) || mayExportAll(caller, job))) {
            return job;
        }
        audit.record(caller.name(), "access.denied", "export:" + id, AuditEvent.Outcome.REJECTED, "not visible");
        throw new AccessDeniedException(caller.name() + " may not see export " + id);
    }

    private ExportJob decidable(UUID id) {
        Caller caller = access.caller();
        ExportJob job = visible(id);
        if (job.getRequestedBy().equalsIgnoreCase(caller.name())) {
            audit.record(caller.name(), "access.denied", "export:" + id, AuditEvent.Outcome.REJECTED, "own export");
            throw new AccessDeniedException("an export is approved by someone other than " + caller.name() + ", who asked for it");
        }
        for (long camera : job.cameras()) {
            access.require(AccessRight.EXPORT, camera);
        }
        if (job.getState() != ExportJob.State.AWAITING_APPROVAL) {
            throw new InvalidExportException("export " + id + " is " + job.getState() + ", not awaiting approval");
        }
        return job;
    }

    private boolean mayExportAll(Caller caller, ExportJob job) {
        return job.cameras().stream().allMatch(c -> {
            Camera camera = em.find(Camera.class, c);
            return camera != null && access.allowed(caller, AccessRight.EXPORT, c, camera.getSite());
        });
    }

    /** The job runs on a managed thread once the request's transaction committed (so it sees the row). */
    private void runAfterCommit(UUID id) {
        AfterCompletion.onOutcome(transactions, () -> executor.submit(() -> runner.run(id)),
                () -> passwords.forget(id));
    }
}
