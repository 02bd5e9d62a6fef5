package org.vigilvms.export;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;
import org.vigilvms.camera.Camera;
import org.vigilvms.evidence.ChainLink;
import org.vigilvms.evidence.ExportManifest;
import org.vigilvms.evidence.ExportPackage;
import org.vigilvms.evidence.ExportSignature;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.Platform;
import org.vigilvms.platform.ServerSigningKey;
import org.vigilvms.privacy.PrivacyMasks;
import org.vigilvms.storage.Segment;
import org.vigilvms.storage.SegmentStore;
import org.vigilvms.video.MaskedVideo;
import org.vigilvms.video.SoundlessSegment;

/**
 * Runs one export job outside any long transaction: copies the original segments (decrypted and
 * checked against their indexed hash; with their sound taken out for a camera the requester may
 * not hear, or with its privacy masks burned in for one whose masks the requester may not see
 * through, the manifest then naming both hashes), joins them per camera, writes the manifest, signs and
 * time-stamps it, and packs everything, reporting progress as it goes.
 */
@PermitAll // internal service: started by ExportService after the request committed
@Stateless
public class ExportRunner {

    /** Segments closer than this are continuous; a larger hole is listed as a gap. */
    static final Duration JOIN = Duration.ofMillis(500);
    private static final Logger LOG = Logger.getLogger(ExportRunner.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @Inject
    private ExportJobs jobs;

    @Inject
    private ExportPasswords passwords;

    @Inject
    private SegmentStore store;

    @Inject
    private TimeStampAuthority tsa;

    @Inject
    private InstallationPaths paths;

    @Inject
    private Clock clock;

    @Inject
    private PrivacyMasks privacy;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void run(UUID id) {
        ExportJob job = jobs.start(id);
        if (job == null) {
            return;
        }
        char[] password = job.isEncrypted() ? passwords.take(id) : null;
        Path work = paths.exportsDir().resolve(id + ".work");
        try {
            if (job.isEncrypted() && password == null) {
                throw new IllegalStateException("the export password was lost (server restart); ask for the export again");
            }
            Files.createDirectories(work);
            Map<String, Path> files = new LinkedHashMap<>();
            List<ExportManifest.CameraExport> cameras = new ArrayList<>();
            List<Long> cameraIds = job.cameras();
            for (int i = 0; i < cameraIds.size(); i++) {
                cameras.add(exportCamera(job, cameraIds.get(i), i, cameraIds.size(), work, files));
            }
            ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, id.toString(), clock.instant(),
                    "Vigil VMS " + Platform.VERSION, job.getRequestedBy(), job.getApprovedBy(), job.getReason(),
                    job.getCaseNumber(), job.getFromTs(), job.getToTs(), cameras);
            jobs.progress(id, 95, "signing");
            byte[] json = manifest.toJson();
            ServerSigningKey signing = ServerSigningKey.installation();
            byte[] signature = ExportSignature.sign(json, signing.privateKey(), signing.chain(), tsa::stamp);
            String name = "vigil-export-" + FILE_TIME.format(job.getFromTs()) + "-" + id.toString().substring(0, 8)
                    + (password == null ? ".zip" : ".p7m");
            Path target = paths.exportsDir().resolve(name);
            ExportPackage.write(target, json, signature, files, password);
            jobs.done(id, name, Files.size(target), ChainLink.unhex(ExportPackage.sha256(target)));
        } catch (Exception e) {
            LOG.errorf(e, "export %s failed", id);
            jobs.failed(id, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
            deleteTree(work);
        }
    }

    private ExportManifest.CameraExport exportCamera(ExportJob job, long cameraId, int index, int count, Path work,
                                                     Map<String, Path> files) throws IOException {
        List<Segment> segments = jobs.segments(cameraId, job.getFromTs(), job.getToTs());
        String name = cameraName(cameraId);
        if (segments.isEmpty()) {
            throw new IllegalStateException("camera " + cameraId + " has no recording in the range any more");
        }
        Instant first = segments.get(0).getStartTs();
        List<Region> masks = job.masked(cameraId) ? privacy.masksOf(job.getRequestedBy(), cameraId) : List.of();
        List<ExportManifest.SegmentEntry> entries = new ArrayList<>();
        List<ExportMuxer.Part> parts = new ArrayList<>();
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            byte[] stored = store.openVerified(segment);
            byte[] clear = !masks.isEmpty() ? MaskedVideo.of(stored, masks, job.withSound(cameraId), work.resolve("masking"))
                    : job.withSound(cameraId) ? stored : SoundlessSegment.of(stored);
            byte[] previous = s > 0 && segments.get(s - 1).getChainSeq() == segment.getChainSeq() - 1
                    ? segments.get(s - 1).getChainHash() : jobs.previousLink(cameraId, segment.getChainSeq());
            String inside = ExportManifest.originalFile(cameraId, segment.getChainSeq());
            Path file = work.resolve(inside);
            Files.createDirectories(file.getParent());
            Files.write(file, clear);
            files.put(inside, file);
            long offset = Duration.between(first, segment.getStartTs()).toMillis();
            entries.add(new ExportManifest.SegmentEntry(segment.getChainSeq(), segment.getStartTs(), segment.getEndTs(),
                    segment.getFrames(), inside, ChainLink.hex(segment.getSha256()),
                    ChainLink.hex(previous == null ? new byte[32] : previous), ChainLink.hex(segment.getChainHash()), offset,
                    clear == stored || !masks.isEmpty() ? null : ChainLink.hex(ChainLink.sha256(clear)),
                    masks.isEmpty() ? null : ChainLink.hex(ChainLink.sha256(clear))));
            parts.add(new ExportMuxer.Part(file, offset));
            jobs.progress(job.getId(), (int) (90.0 * (index + (s + 1.0) / (segments.size() + 1)) / count),
                    "camera " + cameraId + ": segment " + (s + 1) + " of " + segments.size());
        }
        String inside = ExportManifest.cameraFile(cameraId);
        Path video = work.resolve(inside);
        Files.createDirectories(video.getParent());
        long durationMs = ExportMuxer.join(parts, video);
        files.put(inside, video);
        return new ExportManifest.CameraExport(cameraId, name, inside, ExportPackage.sha256(video), Files.size(video), durationMs,
                entries, gaps(segments, job.getFromTs(), job.getToTs()));
    }

    /** Parts of the requested range no segment covers. */
    static List<ExportManifest.Gap> gaps(List<Segment> segments, Instant from, Instant to) {
        List<ExportManifest.Gap> gaps = new ArrayList<>();
        Instant covered = from;
        for (Segment s : segments.stream().sorted(Comparator.comparing(Segment::getStartTs)).toList()) {
            if (s.getStartTs().isAfter(covered.plus(JOIN))) {
                gaps.add(new ExportManifest.Gap(covered, s.getStartTs()));
            }
            if (s.getEndTs().isAfter(covered)) {
                covered = s.getEndTs();
            }
        }
        if (to.isAfter(covered.plus(JOIN))) {
            gaps.add(new ExportManifest.Gap(covered, to));
        }
        return gaps;
    }

    private String cameraName(long cameraId) {
        Camera camera = em.find(Camera.class, cameraId);
        return camera == null ? "camera " + cameraId : camera.getName();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warnf("cannot remove the export work folder %s: %s", dir, e.getMessage());
        }
    }
}
