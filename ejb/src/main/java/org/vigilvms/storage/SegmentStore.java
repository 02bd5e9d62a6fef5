package org.vigilvms.storage;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
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

    static final String VOLUME = "default";

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    public Segment seal(SegmentRecorded recorded) {
        Path spoolFile = Path.of(recorded.spoolFile());
        Path spoolDir = paths.serverData().resolve("spool").toAbsolutePath().normalize();
        if (!spoolFile.toAbsolutePath().normalize().startsWith(spoolDir)) {
            throw new IllegalArgumentException("segment outside the recorder spool: " + spoolFile);
        }
        Camera camera = em.find(Camera.class, recorded.cameraId(), LockModeType.PESSIMISTIC_WRITE);
        if (camera == null) {
            throw new IllegalArgumentException("segment of unknown camera " + recorded.cameraId());
        }
        byte[] clear;
        try {
            clear = Files.readAllBytes(spoolFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spooled segment " + spoolFile, e);
        }
        List<Segment> last = em.createQuery("SELECT s FROM Segment s WHERE s.cameraId = :c ORDER BY s.chainSeq DESC",
                Segment.class).setParameter("c", camera.getId()).setMaxResults(1).getResultList();
        long seq = last.isEmpty() ? 1 : last.get(0).getChainSeq() + 1;
        byte[] previous = last.isEmpty() ? null : last.get(0).getChainHash();
        Instant start = Instant.ofEpochMilli(recorded.startMs());
        Instant end = start.plusMillis(recorded.durationMs());
        byte[] sha256 = SegmentCrypto.sha256(clear);
        byte[] chain = SegmentCrypto.chainHash(previous, camera.getId(), seq, start, end, sha256);

        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), SegmentCrypto.dataKeyAad(camera.getId()));
        byte[] sealed = KeyVault.seal(dataKey, clear, SegmentCrypto.segmentAad(camera.getId(), seq));
        String relative = camera.getId() + "/" + seq + ".vseg";
        write(paths.storage().resolve(relative), sealed);

        Segment segment = new Segment(camera.getId(), seq, start, end, (int) recorded.durationMs(), recorded.frames(),
                sealed.length, sha256, chain, VOLUME, relative);
        em.persist(segment);
        try {
            Files.deleteIfExists(spoolFile);
        } catch (IOException e) {
            // a leftover spool file is cleaned at the next start; the segment is stored
        }
        return segment;
    }

    /** Reads a stored segment back in clear; throws {@link KeyVault.TamperedException} when it was altered or moved. */
    public byte[] open(Segment segment) {
        Camera camera = em.find(Camera.class, segment.getCameraId());
        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), SegmentCrypto.dataKeyAad(camera.getId()));
        try {
            return KeyVault.open(dataKey, Files.readAllBytes(paths.storage().resolve(segment.getPath())),
                    SegmentCrypto.segmentAad(segment.getCameraId(), segment.getChainSeq()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read segment " + segment.getPath(), e);
        }
    }

    private static void write(Path target, byte[] data) {
        try {
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            Files.write(temp, data);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
