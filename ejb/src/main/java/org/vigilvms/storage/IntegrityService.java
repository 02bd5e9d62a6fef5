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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.vigilvms.camera.Camera;
import org.vigilvms.camera.InvalidCameraException;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.platform.ServerSigningKey;
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

    /** Needs READ_AUDIT: checking integrity is an auditor's task, apart from managing cameras. */
    public IntegrityReport check(long cameraId) {
        access.require(AccessRight.READ_AUDIT);
        Camera camera = em.find(Camera.class, cameraId);
        if (camera == null) {
            throw new InvalidCameraException("no camera " + cameraId);
        }
        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), SegmentCrypto.dataKeyAad(cameraId));
        List<Segment> chain = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :c ORDER BY s.chainSeq",
                Segment.class).setParameter("c", cameraId).getResultList();
        List<Finding> findings = new ArrayList<>();
        VolumeDirectories directories = volumes.directories();
        Segment previous = null;
        for (Segment segment : chain) {
            long expectedSeq = previous == null ? 1 : previous.getChainSeq() + 1;
            boolean linkCheckable = true;
            for (long missing = expectedSeq; missing < segment.getChainSeq(); missing++) {
                findings.add(new Finding(missing, Problem.MISSING_FROM_INDEX, "no index row at this position"));
                linkCheckable = false; // the predecessor's hash is gone with it
            }
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
        }
        checkSignedHeads(cameraId, chain, findings);
        findings.sort(java.util.Comparator.comparingLong(Finding::chainSeq));
        return new IntegrityReport(cameraId, chain.size(), List.copyOf(findings));
    }

    /**
     * The signed heads pin the chain: a head whose signature fails was forged or altered; a head
     * beyond the newest link shows the chain was cut short; a head whose link now hashes
     * differently shows the chain was recomputed (reported once, at the first such head).
     */
    private void checkSignedHeads(long cameraId, List<Segment> chain, List<Finding> findings) {
        List<ChainHead> heads = em.createQuery("SELECT h FROM ChainHead h WHERE h.cameraId = :c ORDER BY h.chainSeq",
                ChainHead.class).setParameter("c", cameraId).getResultList();
        if (heads.isEmpty()) {
            return;
        }
        ServerSigningKey key = ServerSigningKey.installation();
        byte[] signer = ChainHeadSigner.signerFingerprint(key);
        java.util.Map<Long, Segment> bySeq = new java.util.HashMap<>();
        chain.forEach(s -> bySeq.put(s.getChainSeq(), s));
        long newest = chain.isEmpty() ? 0 : chain.get(chain.size() - 1).getChainSeq();
        long signedBeyond = 0;
        boolean rewriteReported = false;
        for (ChainHead head : heads) {
            if (!Arrays.equals(head.getSignerSha256(), signer) || !key.verify(head.statement(), head.getSignature())) {
                findings.add(new Finding(head.getChainSeq(), Problem.HEAD_SIGNATURE_INVALID,
                        "the head signed at " + head.getSignedTs() + " does not verify with the server signing key"));
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
