package org.vigilvms.storage;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;
import org.vigilvms.keys.CameraKeys;
import org.vigilvms.keys.CameraSecrets;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.ownership.ChainFence;
import org.vigilvms.platform.AfterCompletion;
import org.vigilvms.platform.InstallationPaths;

/**
 * Seals a recorded segment: hashes the clear file, encrypts it with the camera's data key bound
 * to its place in the chain, writes it to the storage volume and indexes it with the next link of
 * the camera's hash chain. The camera row is locked for the duration, so links never fork.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Stateless
public class SegmentStore {

    @Inject
    private MeterRegistry registry;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Inject
    private StorageVolumes volumes;

    @Inject
    private AuditLog audit;

    @Inject
    private CameraSecrets secrets;

    /**
     * Seals a batch in its order, in this one transaction. A segment that cannot be sealed for a
     * reason of its own (its spool file unreadable or outside the spool, its camera unknown) is
     * logged and left in the spool, and the others are sealed; no volume with room fails the whole
     * batch (redelivered later). Returns the segments sealed (indexed, not managed entities).
     */
    public List<Segment> sealAll(SegmentRecordedBatch batch) {
        if (batch.segments() == null || batch.segments().isEmpty()
                || batch.segments().size() > SegmentRecordedBatch.MOST_SEGMENTS) {
            VigilLog.LOG.messageRejected(Destinations.SEGMENTS, ServiceIdentity.RECORDER.principal(),
                    "MALFORMED", "batch of " + (batch.segments() == null ? 0 : batch.segments().size())
                            + " segments (1.." + SegmentRecordedBatch.MOST_SEGMENTS + ")");
            return List.of();
        }
        // the sealing locks its cameras' rows, which the management server needs to move a camera: a
        // node that stops in here (frozen, cut off from the database) loses its session, and the
        // locks, after 15 s idle instead of holding them until it comes back (issue 18, no split brain)
        em.createNativeQuery("SET LOCAL idle_in_transaction_session_timeout = '15s'").executeUpdate();
        // every sealer locks a batch's cameras first, in one order (by id): two nodes sealing batches that
        // share cameras (one keeping aside what it recorded before a move) never wait on each other in a
        // cycle, which the failover benchmark met as a deadlock when each locked in its batch's order. NO KEY
        // UPDATE, as a move's lock: the two still wait for each other, but an insert that only references the
        // camera (an owner row claimed for it) does not, or it and the sealing waited on each other. Taken
        // through lock_cameras (V34): a recorder node's database role may lock a camera row, never change it
        em.createNativeQuery("SELECT lock_cameras(CAST(?1 AS bigint[]))")
                .setParameter(1, batch.segments().stream().map(SegmentRecorded::cameraId).distinct().sorted()
                        .map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                .getResultList();
        Sealing sealing = new Sealing(batch, volumes.writable());
        List<Segment> sealed = new ArrayList<>();
        for (SegmentRecorded recorded : batch.segments()) {
            try {
                seal(recorded, sealing).ifPresent(sealed::add);
            } catch (IllegalArgumentException | SpoolUnreadable e) {
                VigilLog.LOG.segmentNotSealed(String.valueOf(recorded.spoolFile()), recorded.cameraId(), e.getMessage());
            }
        }
        index(sealed);
        sealing.written.forEach(volumes::addUsed);
        long now = System.currentTimeMillis();
        for (SegmentRecorded recorded : batch.segments()) {
            // from the segment's last frame at the camera to its place in the chain
            registry.timer("vigil.segment.seal.latency", "camera", Long.toString(recorded.cameraId()))
                    .record(Math.max(0, now - recorded.startMs() - recorded.durationMs()), TimeUnit.MILLISECONDS);
        }
        return sealed;
    }

    private static final String INSERT_SEGMENT = """
            INSERT INTO segment (camera_id, chain_seq, start_ts, end_ts, duration_ms, frames, bytes, sha256, chain_hash,
                                 volume, path, owner_node, owner_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /**
     * Indexes a batch's sealed segments in one JDBC batch: a persisted entity each cost an INSERT
     * round trip and Hibernate's bookkeeping, about a tenth of the sealing once the bytes were cheap.
     * A clash with a stored link (camera, sequence) fails the batch, which is rolled back and redelivered.
     */
    private void index(List<Segment> sealed) {
        if (sealed.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT_SEGMENT)) {
                for (Segment segment : sealed) {
                    insert.setLong(1, segment.getCameraId());
                    insert.setLong(2, segment.getChainSeq());
                    insert.setObject(3, segment.getStartTs().atOffset(ZoneOffset.UTC));
                    insert.setObject(4, segment.getEndTs().atOffset(ZoneOffset.UTC));
                    insert.setInt(5, segment.getDurationMs());
                    insert.setInt(6, segment.getFrames());
                    insert.setLong(7, segment.getBytes());
                    insert.setBytes(8, segment.getSha256());
                    insert.setBytes(9, segment.getChainHash());
                    insert.setString(10, segment.getVolume());
                    insert.setString(11, segment.getPath());
                    insert.setString(12, segment.getOwnerNode());
                    insert.setLong(13, segment.getOwnerEpoch());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /**
     * What one batch's sealing has learnt so far: each camera's chain tail (read once, then
     * carried on in memory), the volumes that take writes, and the bytes written to each (added
     * to the volumes' counts in one statement each at the end).
     */
    private static final class Sealing {
        final List<SegmentRecorded> segments;
        final List<StorageVolume> writable;
        final Map<Long, ChainTail> tails = new HashMap<>();
        final Map<StorageVolume, Long> written = new LinkedHashMap<>();

        Sealing(SegmentRecordedBatch batch, List<StorageVolume> writable) {
            this.segments = batch.segments();
            this.writable = new ArrayList<>(writable);
        }

        long writtenTo(StorageVolume volume) {
            return written.getOrDefault(volume, 0L);
        }
    }

    /**
     * A camera's data key, newest chain link and owner (its row locked), as the batch's sealing
     * goes on.
     */
    private static final class ChainTail {
        final long cameraId;
        private final Supplier<byte[]> openDataKey;
        private byte[] dataKey;
        final Set<Instant> sealedStarts;
        final ChainFence fence;
        long seq;
        byte[] hash;
        /** Who recorded the newest link, under which epoch (null/0: none, or from before ownership). */
        String lastBy;
        long lastUnder;

        ChainTail(long cameraId, Supplier<byte[]> openDataKey, Set<Instant> sealedStarts, ChainFence fence, long seq, byte[] hash) {
            this.fence = fence;
            this.cameraId = cameraId;
            this.openDataKey = openDataKey;
            this.sealedStarts = sealedStarts;
            this.seq = seq;
            this.hash = hash;
        }

        byte[] dataKey() {
            if (dataKey == null) {
                dataKey = openDataKey.get();
            }
            return dataKey;
        }
    }

    /**
     * The camera's tail, read at its first segment in the batch; {@link IllegalArgumentException} for
     * an unknown camera. With the camera row locked already (the batch's first step), one statement reads its wrapped data key, its
     * newest link and whether any segment starts at or after this batch's first one (only then,
     * after a crash, can a segment of the batch have been sealed before: a second query finds which).
     * It replaces a locked entity load and two queries per camera and batch, the larger part of the
     * sealing's cost that is not the bytes.
     */
    private ChainTail tail(long cameraId, Sealing sealing) {
        ChainTail known = sealing.tails.get(cameraId);
        if (known != null) {
            return known;
        }
        List<Instant> starts = sealing.segments.stream().filter(r -> r.cameraId() == cameraId)
                .map(r -> Instant.ofEpochMilli(r.startMs())).toList();
        Instant earliest = starts.stream().min(Instant::compareTo).orElseThrow();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT c.data_key_wrapped, last.chain_seq, last.chain_hash,
                       EXISTS (SELECT 1 FROM segment s WHERE s.camera_id = c.id AND s.start_ts >= ?2) AS sealed_later,
                       last.owner_node, last.owner_epoch
                  FROM camera c
                  LEFT JOIN LATERAL (SELECT chain_seq, chain_hash, owner_node, owner_epoch FROM segment WHERE camera_id = c.id
                                     ORDER BY chain_seq DESC LIMIT 1) last ON true
                 WHERE c.id = ?1""").setParameter(1, cameraId).setParameter(2, earliest).getResultList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("segment of unknown camera " + cameraId);
        }
        Object[] row = rows.get(0);
        // sealed before: the recorder re-sent them after a crash that came between sealing and cleaning the spool
        Set<Instant> sealedStarts = !Boolean.TRUE.equals(row[3]) ? new HashSet<>() : new HashSet<>(em.createQuery(
                        "SELECT s.startTs FROM Segment s WHERE s.cameraId = :c AND s.startTs IN :t", Instant.class)
                .setParameter("c", cameraId).setParameter("t", starts).getResultList());
        byte[] wrapped = (byte[]) row[0];
        // read after the lock, in a statement of its own: an owner change that committed meanwhile is seen
        @SuppressWarnings("unchecked")
        List<Object[]> owner = em.createNativeQuery("""
                SELECT node, epoch, (extract(epoch FROM since) * 1000)::bigint, (extract(epoch FROM handover_until) * 1000)::bigint
                  FROM camera_owner WHERE camera_id = ?1""").setParameter(1, cameraId).getResultList();
        ChainFence fence = owner.isEmpty() ? ChainFence.NO_OWNER
                : new ChainFence((String) owner.get(0)[0], ((Number) owner.get(0)[1]).longValue(), epochMillis(owner.get(0)[2]),
                        epochMillis(owner.get(0)[3]));
        // opened with the master key, or from the seal made for this node (a recorder node holds no master
        // key), once a segment is to be sealed: one kept aside needs no key, and its node may have lost the seal
        ChainTail tail = new ChainTail(cameraId, () -> secrets.dataKey(cameraId, wrapped), sealedStarts, fence,
                row[1] == null ? 0 : ((Number) row[1]).longValue(), (byte[]) row[2]);
        tail.lastBy = (String) row[4];
        tail.lastUnder = row[5] == null ? 0 : ((Number) row[5]).longValue();
        sealing.tails.put(cameraId, tail);
        return tail;
    }

    private static Instant epochMillis(Object column) {
        return column == null ? null : Instant.ofEpochMilli(((Number) column).longValue());
    }

    /** Seals one recorded segment as the next link of its camera's chain; empty when it was sealed before. */
    private Optional<Segment> seal(SegmentRecorded recorded, Sealing sealing) {
        Path spoolFile = Path.of(recorded.spoolFile());
        Path spoolDir = paths.serverData().resolve("spool").toAbsolutePath().normalize();
        if (!spoolFile.toAbsolutePath().normalize().startsWith(spoolDir)) {
            throw new IllegalArgumentException("segment outside the recorder spool: " + spoolFile);
        }
        ChainTail tail = tail(recorded.cameraId(), sealing);
        long cameraId = tail.cameraId;
        Instant start = Instant.ofEpochMilli(recorded.startMs());
        if (tail.sealedStarts.contains(start)) {
            VigilLog.LOG.segmentAlreadySealed(spoolFile.toString(), cameraId, start.toString());
            deleteAfterCommit(spoolFile);
            return Optional.empty();
        }
        if (!tail.fence.admits(new ChainFence.Recording(recorded.node(), recorded.epoch(), start,
                start.plusMillis(recorded.durationMs())), tail.lastBy, tail.lastUnder)) {
            keepAside(spoolFile, recorded, tail.fence);
            return Optional.empty();
        }
        long clearLength;
        try {
            clearLength = Files.size(spoolFile);
        } catch (NoSuchFileException e) {
            // sealed and cleaned already: this is a second message for it (re-sent at recovery)
            VigilLog.LOG.segmentAlreadySealed(spoolFile.toString(), cameraId, start.toString());
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read spooled segment " + spoolFile, e);
        }
        long seq = tail.seq + 1;
        Instant end = start.plusMillis(recorded.durationMs());
        String relative = cameraId + "/" + seq + ".vseg";
        Sealed sealed = sealToSomeVolume(spoolFile, KeyVault.sealedLength(clearLength), relative, tail.dataKey(),
                SegmentCrypto.segmentAad(cameraId, seq), cameraId, sealing);
        byte[] chain = SegmentCrypto.chainHash(tail.hash, cameraId, seq, start, end, sealed.clearSha256());

        Segment segment = new Segment(cameraId, seq, start, end, (int) recorded.durationMs(), recorded.frames(),
                sealed.length(), sealed.clearSha256(), chain, sealed.volume().getName(), relative, recorded.node(), recorded.epoch());
        tail.seq = seq;
        tail.hash = chain;
        tail.lastBy = recorded.node();
        tail.lastUnder = recorded.epoch();
        tail.sealedStarts.add(start);
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
                                    long cameraId, Sealing sealing) {
        for (Iterator<StorageVolume> volumesLeft = sealing.writable.iterator(); volumesLeft.hasNext(); ) {
            StorageVolume volume = volumesLeft.next();
            if (!volume.quotaAllows(sealing.writtenTo(volume) + sealedLength)) {
                continue; // retention makes room; meanwhile the next volume takes it
            }
            if (!volumes.hasRoom(volume, sealedLength)) {
                volumesLeft.remove(); // full (marked so): not for the rest of the batch
                continue;
            }
            Path target = volumes.directory(volume).resolve(relative);
            try (SpoolReader in = new SpoolReader(spoolFile, FileChannel.open(spoolFile, StandardOpenOption.READ))) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                long length = write(target, out -> KeyVault.sealStream(dataKey, in, out, aad, sha256));
                sealing.written.merge(volume, length, Long::sum);
                return new Sealed(volume, length, sha256.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            } catch (SpoolUnreadable e) {
                throw e; // the spool's fault, not the volume's: the segment is left for the sweep
            } catch (IOException e) { // opening or closing the spool file
                throw new SpoolUnreadable(spoolFile, e);
            } catch (UncheckedIOException e) {
                volumes.markFailed(volume.getId(), e.getMessage() + ": " + e.getCause());
                volumesLeft.remove();
            }
        }
        VigilLog.LOG.noVolume(cameraId);
        throw new IllegalStateException("no storage volume can take a segment of camera " + cameraId);
    }

    /**
     * A segment recorded by a node that no longer owns the camera (it was frozen or cut off while
     * the camera moved): never added to the chain, and never deleted either. Once this transaction
     * commits the file moves to {@code kept-aside/} in the spool, where the spool sweep does not
     * look; logged and audited so that someone decides what it is worth.
     */
    private void keepAside(Path spoolFile, SegmentRecorded recorded, ChainFence fence) {
        Path keptAside = spoolFile.resolveSibling(KEPT_ASIDE).resolve(spoolFile.getFileName());
        VigilLog.LOG.segmentKeptAside(spoolFile.toString(), recorded.cameraId(), recorded.node(), recorded.epoch(),
                fence.node(), fence.epoch(), keptAside.toString());
        audit.record(ServiceIdentity.STORAGE.principal(), "segment.kept.aside", "camera:" + recorded.cameraId(),
                AuditEvent.Outcome.FAILURE, "recorded by " + recorded.node() + " under epoch " + recorded.epoch()
                        + ", owner " + fence.node() + " under epoch " + fence.epoch() + ": " + keptAside.getFileName());
        AfterCompletion.onCommit(transactions, () -> {
            try {
                Files.createDirectories(keptAside.getParent());
                Files.move(spoolFile, keptAside, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // still in the spool: the sweep sends it again and it is judged again
            }
        });
    }

    /** The spool subfolder of segments recorded by a node that had lost the camera. */
    public static final String KEPT_ASIDE = "kept-aside";

    /** The spool copy goes only once the index row is committed; on rollback it stays for the retry. */
    private void deleteAfterCommit(Path spoolFile) {
        AfterCompletion.onCommit(transactions, () -> {
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
        if (!Arrays.equals(SegmentCrypto.sha256(clear), segment.getSha256())) {
            throw new IllegalStateException("segment " + segment.getChainSeq() + " of camera " + segment.getCameraId()
                    + " does not match its hash in the chain; run the integrity check");
        }
        return clear;
    }

    /** Reads a stored segment back in clear; throws {@link KeyVault.TamperedException} when it was altered or moved. */
    public byte[] open(Segment segment) {
        Camera camera = em.find(Camera.class, segment.getCameraId());
        KeyVault vault = KeyVault.fromSystemProperty();
        byte[] dataKey = vault.openWithMaster(camera.dataKeyWrapped(), CameraKeys.dataKeyAad(camera.getId()));
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
    private record SpoolReader(Path path, FileChannel file) implements ReadableByteChannel {
        @Override
        public int read(ByteBuffer buffer) {
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
        long writeTo(WritableByteChannel out) throws IOException;
    }

    /**
     * Writes a file whole or not at all (temporary name, then an atomic move), past the page cache
     * where the volume's file system allows ({@link UncachedFileWriter}); {@link UncheckedIOException}
     * when the volume fails.
     */
    private static long write(Path target, Content content) {
        try {
            StorageVolumes.ensureDirectory(target.getParent());
            Path temp = target.resolveSibling(target.getFileName() + ".part");
            long length;
            try (UncachedFileWriter out = UncachedFileWriter.create(temp)) {
                length = content.writeTo(out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
