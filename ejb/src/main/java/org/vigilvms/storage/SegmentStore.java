package org.vigilvms.storage;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.platform.InstallationPaths;

/**
 * Seals a recorded segment: hashes the clear file, encrypts it with the camera's data key bound
 * to its place in the chain, writes it to the storage volume and indexes it with the next link of
 * the camera's hash chain. The camera row is locked for the duration, so links never fork.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class SegmentStore {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private StorageVolumes volumes;

    /** Seals one recorded segment; empty when it was sealed before (a message re-sent at recovery). */
    public Optional<Segment> seal(SegmentRecorded recorded) {
        Path spoolFile = Path.of(recorded.spoolFile());
        Path spoolDir = paths.serverData().resolve("spool").toAbsolutePath().normalize();
        if (!spoolFile.toAbsolutePath().normalize().startsWith(spoolDir)) {
            throw new IllegalArgumentException("segment outside the recorder spool: " + spoolFile);
        }
        Camera camera = em.find(Camera.class, recorded.cameraId(), LockModeType.PESSIMISTIC_WRITE);
        if (camera == null) {
            throw new IllegalArgumentException("segment of unknown camera " + recorded.cameraId());
        }
        Instant start = Instant.ofEpochMilli(recorded.startMs());
        if (alreadySealed(camera.getId(), start)) {
            // the recorder re-sent it after a crash that came between sealing and cleaning the spool
            VigilLog.LOG.segmentAlreadySealed(spoolFile.toString(), camera.getId(), start.toString());
            deleteAfterCommit(spoolFile);
            return Optional.empty();
        }
        long clearLength;
        try {
            clearLength = Files.size(spoolFile);
        } catch (NoSuchFileException e) {
            // sealed and cleaned already: this is a second message for it (re-sent at recovery)
            VigilLog.LOG.segmentAlreadySealed(spoolFile.toString(), camera.getId(), start.toString());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spooled segment " + spoolFile, e);
        }
        List<Segment> last = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :c ORDER BY s.chainSeq DESC",
                Segment.class).setParameter("c", camera.getId()).setMaxResults(1).getResultList();
        long seq = last.isEmpty() ? 1 : last.get(0).getChainSeq() + 1;
        byte[] previous = last.isEmpty() ? null : last.get(0).getChainHash();
        Instant end = start.plusMillis(recorded.durationMs());

        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), SegmentCrypto.dataKeyAad(camera.getId()));
        String relative = camera.getId() + "/" + seq + ".vseg";
        Sealed sealed = sealToSomeVolume(spoolFile, KeyVault.sealedLength(clearLength), relative, dataKey,
                SegmentCrypto.segmentAad(camera.getId(), seq), camera.getId());
        byte[] chain = SegmentCrypto.chainHash(previous, camera.getId(), seq, start, end, sealed.clearSha256());

        Segment segment = new Segment(camera.getId(), seq, start, end, (int) recorded.durationMs(), recorded.frames(),
                sealed.length(), sealed.clearSha256(), chain, sealed.volume().getName(), relative);
        em.persist(segment);
        deleteAfterCommit(spoolFile);
        return Optional.of(segment);
    }

    /** Where a segment went, how long it is sealed, and the SHA-256 of its clear bytes. */
    private record Sealed(StorageVolume volume, long length, byte[] clearSha256) {
    }

    /**
     * Seals the spool file into the first volume that has room and takes the write; a volume whose
     * write fails is taken out (FAILED) and the next one is tried. None left: the segment stays in
     * the spool and the message is redelivered later.
     */
    private Sealed sealToSomeVolume(Path spoolFile, long sealedLength, String relative, byte[] dataKey, byte[] aad,
                                    long cameraId) {
        for (StorageVolume volume : volumes.writable()) {
            if (!volume.quotaAllows(sealedLength)) {
                continue; // retention makes room; meanwhile the next volume takes it
            }
            if (!volumes.hasRoom(volume, sealedLength)) {
                continue;
            }
            Path target = volumes.directory(volume).resolve(relative);
            try (SpoolReader in = new SpoolReader(spoolFile, FileChannel.open(spoolFile, StandardOpenOption.READ))) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long length = write(target, out -> KeyVault.sealStream(dataKey, in, out, aad, sha256));
                volumes.addUsed(volume, length);
                return new Sealed(volume, length, sha256.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } catch (SpoolUnreadable e) {
                throw e; // the spool's fault, not the volume's: the message is delivered again
            } catch (IOException e) { // opening or closing the spool file
                throw new SpoolUnreadable(spoolFile, e);
            } catch (UncheckedIOException e) {
                volumes.markFailed(volume.getId(), e.getMessage() + ": " + e.getCause());
            }
        }
        VigilLog.LOG.noVolume(cameraId);
        throw new IllegalStateException("no storage volume can take a segment of camera " + cameraId);
    }

    private boolean alreadySealed(long cameraId, Instant start) {
        return !em.createQuery("SELECT s.id FROM Segment s WHERE s.cameraId = :c AND s.startTs = :t", Long.class)
                .setParameter("c", cameraId).setParameter("t", start).setMaxResults(1).getResultList().isEmpty();
    }

    /** The spool copy goes only once the index row is committed; on rollback it stays for the retry. */
    private void deleteAfterCommit(Path spoolFile) {
        org.vigilvms.platform.AfterCompletion.onCommit(transactions, () -> {
            try {
                Files.deleteIfExists(spoolFile);
            } catch (IOException e) {
                // a leftover is re-sent at the next start and recognised as sealed
            }
        });
    }

    /** The stored (not retired) segments of a camera that overlap the range, in time order: what playback and search read. */
    public List<Segment> overlapping(long cameraId, Instant from, Instant to) {
        return em.createQuery("""
                SELECT s FROM Segment s WHERE s.cameraId = :c AND s.startTs < :to AND s.endTs > :from
                  AND s.retiredTs IS NULL ORDER BY s.startTs""", Segment.class)
                .setParameter("c", cameraId).setParameter("from", from).setParameter("to", to).getResultList();
    }

    /**
     * A stored segment in clear, checked against the hash its chain link covers: what playback,
     * export and search hand on; {@link IllegalStateException} when it does not match.
     */
    public byte[] openVerified(Segment segment) {
        byte[] clear = open(segment);
        if (!java.util.Arrays.equals(SegmentCrypto.sha256(clear), segment.getSha256())) {
            throw new IllegalStateException("segment " + segment.getChainSeq() + " of camera " + segment.getCameraId()
                    + " does not match its hash in the chain; run the integrity check");
        }
        return clear;
    }

    /** Reads a stored segment back in clear; throws {@link KeyVault.TamperedException} when it was altered or moved. */
    public byte[] open(Segment segment) {
        Camera camera = em.find(Camera.class, segment.getCameraId());
        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), SegmentCrypto.dataKeyAad(camera.getId()));
        try {
            return KeyVault.open(dataKey, Files.readAllBytes(volumes.directories().file(segment)),
                    SegmentCrypto.segmentAad(segment.getCameraId(), segment.getChainSeq()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + segment.getPath(), e);
        }
    }

    /** A read of the spool file that failed (told apart from a failing volume, which is taken out). */
    private static final class SpoolUnreadable extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        SpoolUnreadable(Path spoolFile, IOException cause) {
            super("cannot read spooled segment " + spoolFile, cause);
        }
    }

    /** The spool file as the sealing reads it: its read errors become {@link SpoolUnreadable}. */
    private record SpoolReader(Path path, FileChannel file) implements java.nio.channels.ReadableByteChannel {
        @Override
        public int read(java.nio.ByteBuffer buffer) {
            try {
                return file.read(buffer);
            } catch (IOException e) {
                throw new SpoolUnreadable(path, e);
            }
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** What writes a file's content to an open channel and says how many bytes it wrote. */
    private interface Content {
        long writeTo(FileChannel out) throws IOException;
    }

    /** Writes a file whole or not at all (temporary name, then an atomic move); {@link UncheckedIOException} when the volume fails. */
    private static long write(Path target, Content content) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            long length;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                length = content.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
