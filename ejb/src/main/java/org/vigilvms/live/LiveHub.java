package org.vigilvms.live;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ThreadFactory;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.platform.Meters;

/**
 * Fans each live stream's fragments out to its viewers (a camera has up to seven, see
 * {@link LiveStream}), and knows which of a camera's streams run, to give each tile the one that
 * fits ({@link #picturesFor}), and which send H.265 ({@link #hevc}). Keeps the initialisation segment and the fragments since the latest
 * keyframe, so a viewer who joins starts at that keyframe at once. Viewers must not block: they
 * queue and drop on their own (see the web module). Says whether a stream is wanted at all
 * ({@link #wanted}): the recorder remuxes for live only then ({@link LiveFeed}).
 */
@ApplicationScoped
public class LiveHub {

    @Inject
    private MeterRegistry registry;

    /** Where the masked streams' encoders run (the container's threads). */
    @Resource
    private ManagedThreadFactory managedThreads;

    private ThreadFactory threads;

    /** Per camera, the privacy masks its masked stream burns in, as the latest viewer who needed them was told. */
    private final Map<Long, List<Region>> masks = new ConcurrentHashMap<>();

    /** Per camera stream (main: false, sub: true) running now, its picture width as the recorder receives it. */
    private final Map<Source, Integer> widths = new ConcurrentHashMap<>();

    /** Camera streams that sent H.265 when they last ran (kept while they reconnect). */
    private final Set<Source> hevcSources = ConcurrentHashMap.newKeySet();

    private record Source(long cameraId, boolean sub) {
    }

    /** Cameras whose viewer count the metrics endpoint shows ({@code vigil_live_viewers{camera=...}}). */
    private final Set<Long> metered = ConcurrentHashMap.newKeySet();

    public LiveHub() {
        // CDI
    }

    LiveHub(MeterRegistry registry) {
        this.registry = registry;
        this.threads = Thread::new;
    }

    @PostConstruct
    void threads() {
        threads = managedThreads;
    }

    /**
     * The privacy masks of the camera's masked stream: set before a viewer who may not see
     * through them joins it ({@link LiveStream#masked}); a running masked stream takes changed
     * masks at its next key picture.
     */
    public void maskWith(long cameraId, List<Region> regions) {
        masks.put(cameraId, List.copyOf(regions));
    }

    /** The masks of the camera's masked stream, or empty while no viewer needed it. */
    Optional<List<Region>> masks(long cameraId) {
        return Optional.ofNullable(masks.get(cameraId));
    }

    /** Makes the threads that encode masked streams. */
    ThreadFactory threadFactory() {
        return threads;
    }

    /** A GOP longer than this (fragments) is not cached further: a camera with keyframes far apart. */
    static final int MAX_CACHED = 750;

    /** Someone watching a camera. Calls come from the recorder's thread: return at once. */
    public interface Viewer {
        /** A (new) stream: the codec string and the initialisation segment; reset the player. */
        void start(String codec, byte[] init);

        void fragment(byte[] fragment, boolean key);

        /** The stream is gone for good (a sub-stream that stopped): ask again for another. */
        default void ended() {
        }
    }

    /** A camera stream (main or sub) started coming, with pictures this wide, in H.265 or not (LiveFeed). */
    void streamStarted(long cameraId, boolean sub, int width, boolean h265) {
        Source source = new Source(cameraId, sub);
        widths.put(source, width);
        if (h265) {
            hevcSources.add(source);
        } else {
            hevcSources.remove(source);
        }
    }

    /** Whether the camera stream {@code stream} is made from sends H.265 (as it last ran). */
    public boolean hevc(LiveStream stream) {
        return hevcSources.contains(new Source(stream.cameraId(), stream.sub()));
    }

    /**
     * Adds a viewer to the H.264 form of an H.265 camera stream unless that would make more than
     * {@code limit} such streams watched on this node (a stream watched already costs nothing
     * more): checked and joined as one step, so that viewers arriving together cannot pass the
     * limit between the count and the join. False when refused.
     */
    public boolean joinTranscoded(LiveStream stream, Viewer viewer, int limit) {
        synchronized (transcodeAdmission) {
            if (!roomToTranscode(stream, limit)) {
                return false;
            }
            join(stream, viewer);
            return true;
        }
    }

    /** Whether one more viewer of this H.264 form stays within {@code limit} transcoded streams watched (as things stand). */
    public boolean roomToTranscode(LiveStream stream, int limit) {
        return viewers(stream) > 0 || transcodesWatched(stream) < limit;
    }

    /** Live streams encoded from H.265 to H.264 that someone watches, {@code except} left out. */
    public int transcodesWatched(LiveStream except) {
        int watched = 0;
        for (Map.Entry<LiveStream, Channel> entry : channels.entrySet()) {
            if (entry.getKey().h264() && !entry.getKey().equals(except) && !entry.getValue().viewers.isEmpty()) {
                watched++;
            }
        }
        return watched;
    }

    /**
     * A camera stream stopped coming. The viewers of a sub-stream's live streams are told it
     * {@link Viewer#ended} (they ask again and get the main stream); a main stream's viewers wait
     * for its reconnection.
     */
    void streamEnded(long cameraId, boolean sub) {
        widths.remove(new Source(cameraId, sub));
        if (sub) {
            for (LiveStream stream : List.of(LiveStream.sub(cameraId), LiveStream.sub(cameraId).maskedForm(),
                    LiveStream.sub(cameraId).h264Form())) {
                channel(stream).viewers.forEach(Viewer::ended);
            }
        }
    }

    /**
     * The live stream a tile {@code tileWidth} device pixels wide gets of the camera's pictures
     * ({@link StreamChoice}): the sub-stream's while it runs and fits, else the main stream's.
     */
    public LiveStream picturesFor(long cameraId, int tileWidth) {
        boolean sub = StreamChoice.sub(tileWidth, widths.getOrDefault(new Source(cameraId, false), 0),
                widths.getOrDefault(new Source(cameraId, true), 0));
        return sub ? LiveStream.sub(cameraId) : LiveStream.pictures(cameraId);
    }

    private static final class Channel {
        private String codec;
        private byte[] init;
        private final List<byte[]> sinceKey = new ArrayList<>();
        private final Set<Viewer> viewers = new CopyOnWriteArraySet<>();
        /** Until when someone asked for the live picture without watching (a snapshot), epoch ms. */
        private volatile long askedUntil;
    }

    /** How long a live snapshot keeps the camera's live stream going (another snapshot soon is likely). */
    static final long ASKED_MS = 30_000;

    /** Whether anyone watches the stream or asked for its live picture lately. */
    public boolean wanted(LiveStream stream) {
        Channel channel = channels.get(stream);
        return channel != null && (!channel.viewers.isEmpty() || System.currentTimeMillis() < channel.askedUntil);
    }

    /**
     * {@link #currentPictureGroup}, asking for the live stream first when nobody watches: waits up to
     * {@code timeout} for the recorder to start it (at its next packet).
     */
    public Optional<byte[]> awaitPictureGroup(long cameraId, Duration timeout) throws InterruptedException {
        channel(LiveStream.pictures(cameraId)).askedUntil = System.currentTimeMillis() + ASKED_MS;
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<byte[]> group = currentPictureGroup(cameraId);
        while (group.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            group = currentPictureGroup(cameraId);
        }
        return group;
    }

    private final Map<LiveStream, Channel> channels = new ConcurrentHashMap<>();

    /** Held while a viewer of a transcoded stream is counted and joined ({@link #joinTranscoded}). */
    private final Object transcodeAdmission = new Object();

    void start(LiveStream stream, String codec, byte[] init) {
        Channel channel = channel(stream);
        synchronized (channel) {
            channel.codec = codec;
            channel.init = init;
            channel.sinceKey.clear();
            channel.viewers.forEach(v -> v.start(codec, init));
        }
    }

    void fragment(LiveStream stream, byte[] fragment, boolean key) {
        Channel channel = channel(stream);
        synchronized (channel) {
            if (key) {
                channel.sinceKey.clear();
            }
            if (channel.sinceKey.size() < MAX_CACHED) {
                channel.sinceKey.add(fragment);
            }
            for (Viewer viewer : channel.viewers) {
                viewer.fragment(fragment, key);
            }
        }
    }

    void stop(LiveStream stream) {
        Channel channel = channel(stream);
        synchronized (channel) {
            channel.init = null;
            channel.sinceKey.clear();
        }
    }

    /** Adds a viewer; when the stream is running it gets the init segment and the current GOP at once. */
    public void join(LiveStream stream, Viewer viewer) {
        Channel channel = channel(stream);
        synchronized (channel) {
            channel.viewers.add(viewer);
            if (channel.init != null) {
                viewer.start(channel.codec, channel.init);
                boolean first = true;
                for (byte[] fragment : channel.sinceKey) {
                    viewer.fragment(fragment, first);
                    first = false;
                }
            }
        }
    }

    /**
     * The current picture group as one fragmented MP4 (initialisation segment, then the
     * fragments since the latest keyframe of the pictures-only stream): its last frame is the live
     * picture. Empty while that stream is not running.
     */
    public Optional<byte[]> currentPictureGroup(long cameraId) {
        Channel channel = channels.get(LiveStream.pictures(cameraId));
        if (channel == null) {
            return Optional.empty();
        }
        synchronized (channel) {
            if (channel.init == null || channel.sinceKey.isEmpty()) {
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(channel.init);
            channel.sinceKey.forEach(out::writeBytes);
            return Optional.of(out.toByteArray());
        }
    }

    public void leave(LiveStream stream, Viewer viewer) {
        channel(stream).viewers.remove(viewer);
    }

    public int viewers(LiveStream stream) {
        return channel(stream).viewers.size();
    }

    private Channel channel(LiveStream stream) {
        if (metered.add(stream.cameraId())) {
            long cameraId = stream.cameraId();
            Meters.gauge(registry, "vigil.live.viewers", Tags.of("camera", Long.toString(cameraId)), this, hub -> hub.viewersOf(cameraId));
        }
        return channels.computeIfAbsent(stream, s -> new Channel());
    }

    private int viewersOf(long cameraId) {
        int viewers = 0;
        for (LiveStream stream : LiveStream.allOf(cameraId)) {
            Channel channel = channels.get(stream);
            viewers += channel == null ? 0 : channel.viewers.size();
        }
        return viewers;
    }
}
