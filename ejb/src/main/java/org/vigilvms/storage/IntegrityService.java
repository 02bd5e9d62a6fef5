package org.vigilvms.storage;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigilvms.audit.SigningCertificates;
import org.vigilvms.camera.Camera;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.platform.AnchoredHead;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.storage.IntegrityReport.Finding;
import org.vigilvms.storage.IntegrityReport.Problem;

/**
 * Walks a camera's hash chain and names each segment that was tampered with, lost, dropped from
 * the index or edited in it (X.1453 I-2). Each link is checked against the stored hash of its
 * predecessor, so an edit is reported where it is, not at every later link.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class IntegrityService {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    @Inject
    private AccessControl access;

    @Inject
    private StorageVolumes volumes;

    @Inject
    private SigningCertificates certificates;

    /** Needs READ_AUDIT: checking integrity is an auditor's task, apart from managing cameras. */
    public IntegrityReport check(long cameraId) {
        return check(cameraId, null, null);
    }

    /**
     * The chain positions that hold the recording between {@code from} and {@code to} (either
     * null: open), each link checked against its predecessor (read even when it lies before the
     * range). A range walks only its part of the index and its files, so an auditor can check a
     * day of a camera with years of recordings. Needs READ_AUDIT.
     */
    public IntegrityReport check(long cameraId, Instant from, Instant to) {
        return check(cameraId, from, to, null);
    }

    /**
     * As {@link #check(long, Instant, Instant)}, and against {@code anchor} too when given: the
     * newest head of this camera that the SIEM received. It must verify with the server signing
     * key (else 400: no one can make the check report what they like). Positions it names beyond
     * the index are {@code REMOVED_WITH_HEADS} when no head on the server still names them (then
     * it is the only witness); a link it names that now hashes differently is {@code CHAIN_REWRITTEN}.
     */
    public IntegrityReport check(long cameraId, Instant from, Instant to, AnchoredHead anchor) {
        access.require(AccessRight.READ_AUDIT);
        Camera camera = em.find(Camera.class, cameraId);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + cameraId);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from must be before to");
        }
        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), CameraKeys.dataKeyAad(cameraId));
        long newestInIndex = newestPosition(cameraId);
        long[] positions = from == null && to == null ? new long[] {1, newestInIndex} : positions(cameraId, from, to);
        List<Segment> chain = positions[0] > positions[1] ? List.of() : em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.chainSeq BETWEEN :first AND :last ORDER BY s.chainSeq""",
                Segment.class).setParameter("c", cameraId).setParameter("first", positions[0] - 1)
                .setParameter("last", positions[1]).getResultList();
        List<Finding> findings = new ArrayList<>();
        VolumeDirectories directories = volumes.directories();
        Segment previous = null;
        int checked = 0;
        for (Segment segment : chain) {
            if (segment.getChainSeq() < positions[0]) {
                previous = segment; // the link before the range: only its stored hash is used
                continue;
            }
            // without a row before it, the segment's predecessor is missing too (unless it is the first link)
            long expectedSeq = previous != null ? previous.getChainSeq() + 1 : Math.max(1, positions[0] - 1);
            boolean linkCheckable = expectedSeq == segment.getChainSeq(); // else the predecessor's hash is gone with it
            addMissing(expectedSeq, segment.getChainSeq(), findings);
            if (linkCheckable) {
                byte[] link = SegmentCrypto.chainHash(previous == null ? null : previous.getChainHash(), cameraId,
                        segment.getChainSeq(), segment.getStartTs(), segment.getEndTs(), segment.getSha256());
                if (!Arrays.equals(link, segment.getChainHash())) {
                    findings.add(new Finding(segment.getChainSeq(), Problem.INDEX_EDITED,
                            "index row does not match its chain link"));
                }
            }
            if (segment.getRetiredTs() == null) {
                checkContent(segment, dataKey, directories, findings); // a retired segment's file was deleted on purpose
            }
            previous = segment;
            checked++;
        }
        if (to != null && positions[1] < newestInIndex && previous != null && previous.getEndTs().isBefore(to)) {
            // rows deleted right after the range's last segment may have held the rest of the range
            long next = em.createQuery("SELECT min(s.chainSeq) FROM Segment s WHERE s.cameraId = :c AND s.chainSeq > :last",
                    Long.class).setParameter("c", cameraId).setParameter("last", positions[1]).getSingleResult();
            addMissing(positions[1] + 1, next, findings);
        }
        checkSignedHeads(cameraId, chain.stream().filter(s -> s.getChainSeq() >= positions[0]).toList(), positions[0],
                positions[1], positions[1] >= newestInIndex, findings);
        if (anchor != null) {
            checkAnchor(cameraId, anchor, newestInIndex, findings);
        }
        findings.sort(Comparator.comparingLong(Finding::chainSeq));
        return new IntegrityReport(cameraId, checked, List.copyOf(findings));
    }

    /** Chain positions {@code from} up to (not including) {@code until} have no index row. */
    private static void addMissing(long from, long until, List<Finding> findings) {
        for (long missing = from; missing < until; missing++) {
            findings.add(new Finding(missing, Problem.MISSING_FROM_INDEX, "no index row at this position"));
        }
    }

    private long newestPosition(long cameraId) {
        Long newest = em.createQuery("SELECT max(s.chainSeq) FROM Segment s WHERE s.cameraId = :c", Long.class)
                .setParameter("c", cameraId).getSingleResult();
        return newest == null ? 0 : newest;
    }

    /**
     * First and last chain position of the segments that overlap [from, to): those starting in
     * it and the one running into it (both by the time index, never a scan of the camera's history).
     */
    private long[] positions(long cameraId, Instant from, Instant to) {
        Instant start = from == null ? Instant.EPOCH : from;
        Instant end = to == null ? Instant.parse("9999-12-31T00:00:00Z") : to;
        Object[] inside = em.createQuery("""
                SELECT min(s.chainSeq), max(s.chainSeq) FROM Segment s WHERE s.cameraId = :c AND s.startTs >= :from AND s.startTs < :to""",
                Object[].class).setParameter("c", cameraId).setParameter("from", start).setParameter("to", end).getSingleResult();
        long first = inside[0] == null ? Long.MAX_VALUE : (Long) inside[0];
        long last = inside[1] == null ? 0 : (Long) inside[1];
        List<Segment> before = em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.startTs < :from ORDER BY s.startTs DESC""", Segment.class)
                .setParameter("c", cameraId).setParameter("from", start).setMaxResults(1).getResultList();
        if (!before.isEmpty() && before.get(0).getEndTs().isAfter(start)) {
            first = Math.min(first, before.get(0).getChainSeq());
            last = Math.max(last, before.get(0).getChainSeq());
        }
        return first == Long.MAX_VALUE ? new long[] {1, 0} : new long[] {first, last};
    }

    /**
     * The signed heads pin the chain (those over the checked positions; beyond them too when the
     * check reaches the newest link): a head whose signature fails was forged or altered; a head
     * beyond the newest link shows the chain was cut short; a head whose link now hashes
     * differently shows the chain was recomputed (reported once, at the first such head).
     */
    private void checkSignedHeads(long cameraId, List<Segment> chain, long firstSeq, long lastSeq, boolean toTheEnd,
                                  List<Finding> findings) {
        List<ChainHead> heads = em.createQuery("""
                SELECT h FROM ChainHead h WHERE h.cameraId = :c AND h.chainSeq BETWEEN :first AND :last ORDER BY h.chainSeq""",
                ChainHead.class).setParameter("c", cameraId).setParameter("first", firstSeq)
                .setParameter("last", toTheEnd ? Long.MAX_VALUE : lastSeq).getResultList();
        if (heads.isEmpty()) {
            return;
        }
        Map<Long, Segment> bySeq = new HashMap<>();
        chain.forEach(s -> bySeq.put(s.getChainSeq(), s));
        long newest = chain.isEmpty() ? firstSeq - 1 : chain.get(chain.size() - 1).getChainSeq();
        long signedBeyond = 0;
        boolean rewriteReported = false;
        for (ChainHead head : heads) {
            if (!certificates.verifies(head.getSignerSha256(), head.statement(), head.getSignature(), head.getSignedTs())) {
                findings.add(new Finding(head.getChainSeq(), Problem.HEAD_SIGNATURE_INVALID, "the head signed at " + head.getSignedTs()
                        + " does not verify with the server signing key that signed it (current or retired)"));
                continue;
            }
            if (head.getChainSeq() > newest) {
                signedBeyond = Math.max(signedBeyond, head.getChainSeq());
                continue;
            }
            Segment link = bySeq.get(head.getChainSeq());
            if (link != null && !rewriteReported && !Arrays.equals(link.getChainHash(), head.getChainHash())) {
                findings.add(new Finding(head.getChainSeq(), Problem.CHAIN_REWRITTEN,
                        "the chain up to here differs from the head signed at " + head.getSignedTs()));
                rewriteReported = true;
            }
        }
        if (signedBeyond > 0) {
            findings.add(new Finding(newest + 1, Problem.TRUNCATED,
                    "positions " + (newest + 1) + " to " + signedBeyond + " were signed and are gone from the index"));
        }
    }

    private void checkAnchor(long cameraId, AnchoredHead anchor, long newestInIndex, List<Finding> findings) {
        if (!certificates.verifiesByAny(SegmentCrypto.chainHeadStatement(cameraId, anchor.chainSeq(), anchor.chainHash(),
                anchor.signedAt()), anchor.signature(), anchor.signedAt())) {
            throw new InvalidRequestException("the anchored head does not verify with the server signing key: it is not a head "
                    + "this server signed for camera " + cameraId);
        }
        if (anchor.chainSeq() > newestInIndex) {
            boolean truncationShown = findings.stream().anyMatch(f -> f.problem() == Problem.TRUNCATED);
            if (!truncationShown) {
                findings.add(new Finding(newestInIndex + 1, Problem.REMOVED_WITH_HEADS, "positions " + (newestInIndex + 1) + " to "
                        + anchor.chainSeq() + " were signed at " + anchor.signedAt() + " (head kept by the SIEM) and are gone from "
                        + "the index together with their heads"));
            }
            return;
        }
        List<Segment> link = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :c AND s.chainSeq = :seq", Segment.class)
                .setParameter("c", cameraId).setParameter("seq", anchor.chainSeq()).getResultList();
        boolean rewriteShown = findings.stream().anyMatch(f -> f.problem() == Problem.CHAIN_REWRITTEN);
        if (!link.isEmpty() && !rewriteShown && !Arrays.equals(link.get(0).getChainHash(), anchor.chainHash())) {
            findings.add(new Finding(anchor.chainSeq(), Problem.CHAIN_REWRITTEN,
                    "the chain up to here differs from the head signed at " + anchor.signedAt() + " and kept by the SIEM"));
        }
    }

    private void checkContent(Segment segment, byte[] dataKey, VolumeDirectories directories, List<Finding> findings) {
        byte[] stored;
        try {
            stored = Files.readAllBytes(directories.file(segment));
        } catch (NoSuchFileException e) {
            findings.add(new Finding(segment.getChainSeq(), Problem.MISSING_FILE, segment.getPath() + " is gone"));
            return;
        } catch (IOException e) {
            findings.add(new Finding(segment.getChainSeq(), Problem.MISSING_FILE, "unreadable: " + e.getMessage()));
            return;
        }
        try {
            byte[] clear = KeyVault.open(dataKey, stored, SegmentCrypto.segmentAad(segment.getCameraId(), segment.getChainSeq()));
            if (!Arrays.equals(SegmentCrypto.sha256(clear), segment.getSha256())) {
                findings.add(new Finding(segment.getChainSeq(), Problem.TAMPERED, "content does not match the indexed hash"));
            }
        } catch (KeyVault.TamperedException e) {
            findings.add(new Finding(segment.getChainSeq(), Problem.TAMPERED, "file altered or moved: " + e.getMessage()));
        }
    }
}
