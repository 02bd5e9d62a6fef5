package org.vigilvms.recording;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vigilvms.analytics.FrameFeed;
import org.vigilvms.camera.CameraDirectory;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.StreamSource;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.camera.CameraStatusChanged;
import org.vigilvms.jms.camera.SubStreamStatusChanged;
import org.vigilvms.jms.recording.SegmentRecorded;
import org.vigilvms.jms.recording.SegmentRecordedBatch;
import org.vigilvms.live.LiveHub;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.messaging.SignedSender;
import org.vigilvms.ownership.OwnerBook;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.NodeName;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Keeps exactly one ingest running per enabled camera: starts ingests for cameras added or
 * enabled, stops those of cameras disabled or removed (checked every few seconds), and sends the
 * finished segments to the storage service as the recorder identity. Beside a camera that has a
 * sub-stream it pulls that too ({@link SubStreamIngest}, for live tiles and analytics, not
 * recorded). Recovers the spool at start.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
@LocalBean // it implements the ingests' listener interface; callers use the bean itself
@Startup
@DependsOn("MeterCleanup")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RecorderSupervisor implements CameraIngest.Listener, SubStreamIngest.Listener {

    @Inject
    private NodeRoles roles;

    @Resource
    private ManagedThreadFactory threads;

    @Inject
    private CameraDirectory cameras;

    @Inject
    private OwnerBook owners;

    @Inject
    private NodeName node;

    /** The cameras this node owned at the last reconcile, with their epochs. */
    private volatile Map<Long, Long> owned = Map.of();

    @Inject
    private SignedSender sender;

    @Inject
    private InstallationPaths paths;

    @Inject
    private FrameFeed analytics;

    @Inject
    private LiveHub live;

    @Inject
    private MeterRegistry registry;

    private final Map<Long, CameraIngest> ingests = new ConcurrentHashMap<>();

    /** The sub-streams pulled beside the recorded main streams, per camera. */
    private final Map<Long, SubStreamIngest> subIngests = new ConcurrentHashMap<>();

    private CameraMeters meters;

    private SegmentOutbox outbox;

    @Resource
    private TimerService timers;

    private Duration sweepPeriod;

    /**
     * At deployment (also after a crash): first hands every segment left in the spool to the
     * storage service — finished ones as they are, unfinished ones cut after their last complete
     * fragment or discarded — then starts recording at once rather than at the first timer.
     */
    @PostConstruct
    void start() {
        if (!roles.has(NodeRole.RECORDER)) {
            return;
        }
        meters = new CameraMeters(registry);
        outbox = new SegmentOutbox(threads, this::send);
        // what the spool holds goes under the epochs this node owns its cameras now (files from before ownership).
        // No lease yet: timers run only once the server is up, so a lease renewed here ran out while the
        // deployment went on, and the planner handed this node a camera it took away again seconds later
        owners.claimUnowned(node);
        owned = owners.ownedBy(node);
        recoverSpool();
        outbox.flush();
        keepIngests();
        // how often the spool is swept, and how long a finished segment may wait unsealed (default 30 s)
        sweepPeriod = Duration.ofSeconds(Math.max(1, Long.getLong("vigil.spool.sweep.seconds", 30)));
        timers.createIntervalTimer(sweepPeriod.toMillis(), sweepPeriod.toMillis(), new TimerConfig("spool sweep", false));
    }

    private void recoverSpool() {
        List<Path> files;
        try (Stream<Path> listing = Files.list(spool())) {
            files = listing.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorder spool", e);
        }
        record Leftover(Path file, SpoolFile.Name name) {
        }
        List<Leftover> leftovers = new ArrayList<>();
        for (Path file : files) {
            SpoolFile.parse(file).ifPresentOrElse(name -> leftovers.add(new Leftover(file, name)),
                    () -> VigilLog.LOG.foreignSpoolFile(file.toString()));
        }
        // in each camera's recording order, so the hash chain keeps time order
        leftovers.sort(Comparator.comparingLong((Leftover l) -> l.name().cameraId()).thenComparingLong(l -> l.name().startMs()));
        int complete = 0;
        int recovered = 0;
        int discarded = 0;
        for (Leftover leftover : leftovers) {
            Path file = leftover.file();
            long cameraId = leftover.name().cameraId();
            if (!leftover.name().complete() && SpoolFile.truncateToCompleteFragments(file) == 0) {
                SpoolFile.discard(file);
                VigilLog.LOG.partialSegmentDiscarded(file.toString(), cameraId);
                discarded++;
                continue;
            }
            SegmentProbe.Result probe = SegmentProbe.probe(file);
            if (probe.frames() == 0) {
                SpoolFile.discard(file);
                VigilLog.LOG.partialSegmentDiscarded(file.toString(), cameraId);
                discarded++;
                continue;
            }
            if (leftover.name().complete()) {
                VigilLog.LOG.completeSegmentResent(file.toString(), cameraId);
                complete++;
            } else {
                file = SpoolFile.complete(file);
                VigilLog.LOG.partialSegmentRecovered(file.toString(), cameraId, probe.frames(), probe.durationMs());
                recovered++;
            }
            segment(cameraId, file, leftover.name().startMs(), probe.durationMs(), probe.frames());
        }
        VigilLog.LOG.spoolRecovered(complete, recovered, discarded);
    }

    /**
     * Renews this node's recorder lease, claims the enabled cameras nobody owns, and keeps one
     * ingest per enabled camera this node owns, under the epoch it owns it: an ingest whose camera
     * moved to another node, or came back under a new epoch, is stopped (its last segment carries
     * the old epoch and is kept aside by the storage service).
     */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "recorder reconcile")
    synchronized void reconcile() {
        if (!roles.has(NodeRole.RECORDER)) {
            return;
        }
        refreshOwnership();
        keepIngests();
    }

    /**
     * Every second, apart from the reconcile (which may wait on a camera's ingest starting): the
     * lease says this recorder is alive, and one that stops renewing loses its cameras to the
     * other nodes {@link OwnerBook#LEASE} later.
     */
    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "recorder lease")
    void renewLease() {
        if (!roles.has(NodeRole.RECORDER)) {
            return;
        }
        owners.renewLease(node);
    }

    /** Renews this node's lease, claims the cameras nobody owns, and reads which it owns now. */
    private void refreshOwnership() {
        owners.renewLease(node);
        owners.claimUnowned(node);
        owned = owners.ownedBy(node);
    }

    /** One ingest per enabled camera in {@link #owned}, under its epoch; any other is stopped. */
    private synchronized void keepIngests() {
        Map<Long, StreamSource> wanted = cameras.enabledCameras(owned.keySet()).stream()
                .collect(Collectors.toMap(StreamSource::cameraId, s -> s));
        for (Long id : Set.copyOf(ingests.keySet())) {
            CameraIngest ingest = ingests.get(id);
            StreamSource source = wanted.get(id);
            if (source == null || !source.url().equals(ingest.source().url())
                    || !Arrays.equals(source.pinnedSha256(), ingest.source().pinnedSha256())
                    || owned.get(id) != ingest.epoch()) {
                ingest.stop();
                ingests.remove(id);
                if (source == null) {
                    meters.forget(id);
                }
            }
        }
        for (StreamSource source : wanted.values()) {
            ingests.computeIfAbsent(source.cameraId(), id -> {
                CameraIngest ingest = new CameraIngest(source, owned.get(id), spool(), this, live, analytics, meters.of(id),
                        () -> {
                            SubStreamIngest sub = subIngests.get(id);
                            return sub != null && sub.analysing();
                        });
                Thread thread = threads.newThread(ingest);
                thread.setName("vigil-ingest-" + id);
                thread.start();
                return ingest;
            });
        }
        keepSubStreams(wanted);
    }

    /** One sub-stream ingest per recorded camera that has a sub-stream, at its current address; any other is stopped. */
    private void keepSubStreams(Map<Long, StreamSource> wanted) {
        for (Long id : Set.copyOf(subIngests.keySet())) {
            SubStreamIngest running = subIngests.get(id);
            StreamSource source = wanted.containsKey(id) ? wanted.get(id).subStream() : null;
            if (source == null || !source.url().equals(running.source().url())
                    || !Arrays.equals(source.pinnedSha256(), running.source().pinnedSha256())) {
                running.stop();
                subIngests.remove(id);
            }
        }
        for (StreamSource camera : wanted.values()) {
            StreamSource source = camera.subStream();
            if (source != null) {
                subIngests.computeIfAbsent(camera.cameraId(), id -> {
                    SubStreamIngest ingest = new SubStreamIngest(source, this, live, analytics);
                    Thread thread = threads.newThread(ingest);
                    thread.setName("vigil-substream-" + id);
                    thread.start();
                    return ingest;
                });
            }
        }
    }

    /** Reconciles at once (a camera command arrived). */
    public void applyNow() {
        reconcile();
    }

    @PreDestroy
    void stopAll() {
        if (outbox == null) {
            return; // this node does not record
        }
        List<CameraIngest> running = List.copyOf(ingests.values());
        List<SubStreamIngest> subs = List.copyOf(subIngests.values());
        running.forEach(CameraIngest::stop);
        subs.forEach(SubStreamIngest::stop);
        ingests.clear();
        subIngests.clear();
        // wait for each to close its segment and its muxers: a process that exits while FFmpeg
        // still works on them crashes in native code and leaves the spool unfinished
        for (CameraIngest ingest : running) {
            ingest.awaitStopped(Duration.ofSeconds(8));
        }
        for (SubStreamIngest sub : subs) {
            sub.awaitStopped(Duration.ofSeconds(8));
        }
        outbox.close(); // the segments the ingests just finished
    }

    /** Status changes go to the management service as signed messages, like segments to storage. */
    @Override
    public void status(long cameraId, CameraStatus status, String reason) {
        sendStatus(CameraStatusChanged.TYPE, new CameraStatusChanged(cameraId, status.name(), reason, System.currentTimeMillis()));
    }

    /** A sub-stream's state goes to the management as its own, the camera's status untouched. */
    @Override
    public void subStreamStatus(long cameraId, CameraStatus status, String reason) {
        sendStatus(SubStreamStatusChanged.TYPE, new SubStreamStatusChanged(cameraId, status.name(), reason, System.currentTimeMillis()));
    }

    private void sendStatus(String type, Record change) {
        try {
            sender.send(ServiceIdentity.RECORDER, Destinations.CAMERA_STATUS, type, change);
        } catch (RuntimeException e) {
            VigilLog.LOG.sendFailed(type, ServiceIdentity.RECORDER.principal(), e);
        }
    }

    @Override
    public boolean certificate(long cameraId, X509Certificate[] chain) {
        return cameras.acceptCertificate(cameraId, chain);
    }

    /**
     * Finished segments whose sealing never happened (e.g. while no volume had room their
     * message went to the dead-letter queue) would otherwise wait for the next deployment: every
     * sweep period those that waited a whole period are sent again, in recording order. Sealing
     * is idempotent, so a segment sealed meanwhile only loses its spool copy.
     */
    @Timeout
    void sweepSpool() {
        long now = System.currentTimeMillis();
        List<Path> files;
        try (Stream<Path> listing = Files.list(spool())) {
            files = listing.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            return; // the next sweep tries again
        }
        files.stream()
                .flatMap(file -> SpoolFile.parse(file).filter(SpoolFile.Name::complete).stream()
                        .map(name -> Map.entry(file, name)))
                .filter(e -> age(e.getKey(), now) >= sweepPeriod.toMillis())
                .sorted(Comparator.comparingLong((Map.Entry<Path, SpoolFile.Name> e) -> e.getValue().cameraId())
                        .thenComparingLong(e -> e.getValue().startMs()))
                .forEach(e -> {
                    SegmentProbe.Result probe = SegmentProbe.probe(e.getKey());
                    if (probe.frames() > 0) {
                        VigilLog.LOG.staleSegmentResent(e.getKey().toString(), e.getValue().cameraId(), age(e.getKey(), now) / 1000);
                        segment(e.getValue().cameraId(), e.getKey(), e.getValue().startMs(), probe.durationMs(), probe.frames());
                    }
                });
    }

    private static long age(Path file, long now) {
        try {
            return now - Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0; // gone meanwhile (sealed): nothing to do
        }
    }

    /**
     * A finished segment: sent to the storage service with the others of the next second
     * ({@link SegmentOutbox}), with this node's name and the epoch its file name carries; a file
     * from before camera ownership existed goes under the epoch this node owns the camera now.
     */
    @Override
    public void segment(long cameraId, Path file, long startMs, long durationMs, int frames) {
        long epoch = SpoolFile.parse(file).map(SpoolFile.Name::epoch).filter(e -> e > 0)
                .orElseGet(() -> owned.getOrDefault(cameraId, 0L));
        outbox.add(new SegmentRecorded(cameraId, file.toString(), startMs, durationMs, frames, node.value(), epoch));
    }

    private void send(List<SegmentRecorded> segments) {
        try {
            sender.send(ServiceIdentity.RECORDER, Destinations.SEGMENTS, SegmentRecordedBatch.TYPE,
                    new SegmentRecordedBatch(segments), Destinations.SEGMENT_GROUP);
        } catch (RuntimeException e) {
            VigilLog.LOG.sendFailed(SegmentRecordedBatch.TYPE, ServiceIdentity.RECORDER.principal(), e);
        }
    }

    private Path spool() {
        Path spool = paths.serverData().resolve("spool");
        try {
            Files.createDirectories(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recorder spool " + spool, e);
        }
        return spool;
    }
}
