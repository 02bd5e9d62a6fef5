package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LiveHubTest {

    private static final LiveHub.Viewer VIEWER = new LiveHub.Viewer() {
        @Override
        public void start(String codec, byte[] init) {
        }

        @Override
        public void fragment(byte[] fragment, boolean key) {
        }
    };

    @Test
    void aCameraIsRemuxedForLiveOnlyWhileWatchedOrAskedFor() throws Exception {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        LiveStream pictures = LiveStream.pictures(1);
        assertFalse(hub.wanted(pictures), "nobody watches: no live remux");
        hub.join(pictures, VIEWER);
        assertTrue(hub.wanted(pictures));
        assertFalse(hub.wanted(LiveStream.withSound(1)), "the stream with sound is another one");
        hub.leave(pictures, VIEWER);
        assertFalse(hub.wanted(pictures));
        // a live snapshot asks for the stream and waits for the recorder to start it
        Thread recorder = new Thread(() -> {
            while (!hub.wanted(LiveStream.pictures(2))) {
                Thread.onSpinWait();
            }
            hub.start(LiveStream.pictures(2), "avc1.42e01e", new byte[] {1});
            hub.fragment(LiveStream.pictures(2), new byte[] {2}, true);
        });
        recorder.start();
        Optional<byte[]> group = hub.awaitPictureGroup(2, Duration.ofSeconds(5));
        recorder.join();
        assertArrayEquals(new byte[] {1, 2}, group.orElseThrow(), "init segment and the picture group");
        assertTrue(hub.wanted(LiveStream.pictures(2)), "stays wanted for a while after a snapshot");
        assertFalse(hub.awaitPictureGroup(3, Duration.ofMillis(50)).isPresent(), "a camera that never streams: nothing");
    }

    @Test
    void theMetricsCountEachCamerasViewersOverBothOfItsStreams() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LiveHub hub = new LiveHub(registry);
        LiveHub.Viewer other = new LiveHub.Viewer() {
            @Override
            public void start(String codec, byte[] init) {
            }

            @Override
            public void fragment(byte[] fragment, boolean key) {
            }
        };
        hub.join(LiveStream.pictures(7), VIEWER);
        hub.join(LiveStream.withSound(7), other);
        hub.join(LiveStream.pictures(8), other);
        assertEquals(2.0, registry.get("vigil.live.viewers").tag("camera", "7").gauge().value());
        assertEquals(1.0, registry.get("vigil.live.viewers").tag("camera", "8").gauge().value());
        hub.leave(LiveStream.withSound(7), other);
        assertEquals(1.0, registry.get("vigil.live.viewers").tag("camera", "7").gauge().value());
    }

    @Test
    void aTileGetsTheSubStreamWhileItRunsAndFitsAndItsViewersAreToldWhenItStops() {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        assertEquals(LiveStream.pictures(3), hub.picturesFor(3, 320), "no sub-stream running");
        hub.streamStarted(3, false, 640, false);
        hub.streamStarted(3, true, 320, false);
        assertEquals(LiveStream.sub(3), hub.picturesFor(3, 320));
        assertEquals(LiveStream.pictures(3), hub.picturesFor(3, 321), "wider than the sub-stream");
        assertEquals(LiveStream.pictures(3), hub.picturesFor(3, 0), "no width given");

        int[] ended = new int[1];
        LiveHub.Viewer watcher = new LiveHub.Viewer() {
            @Override
            public void start(String codec, byte[] init) {
            }

            @Override
            public void fragment(byte[] fragment, boolean key) {
            }

            @Override
            public void ended() {
                ended[0]++;
            }
        };
        hub.join(LiveStream.sub(3), watcher);
        hub.join(LiveStream.sub(3).maskedForm(), watcher);
        hub.join(LiveStream.pictures(3), VIEWER);
        hub.streamEnded(3, false);
        assertEquals(0, ended[0], "a main stream's viewers wait for it to come back");
        hub.streamStarted(3, false, 640, false);
        hub.streamEnded(3, true);
        assertEquals(2, ended[0], "both viewers of the sub-stream's live streams are told");
        assertEquals(LiveStream.pictures(3), hub.picturesFor(3, 320), "the sub-stream stopped");
    }

    @Test
    void theHubRemembersWhichStreamsSendH265AndCountsTheTranscodesWatched() {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        hub.streamStarted(4, false, 1920, true);
        hub.streamStarted(4, true, 640, false);
        assertTrue(hub.hevc(LiveStream.pictures(4)));
        assertTrue(hub.hevc(LiveStream.withSound(4)), "the same camera stream");
        assertFalse(hub.hevc(LiveStream.sub(4)), "the sub-stream is H.264");
        hub.streamEnded(4, false);
        assertTrue(hub.hevc(LiveStream.pictures(4)), "remembered while the camera reconnects");
        hub.streamStarted(4, false, 1920, false);
        assertFalse(hub.hevc(LiveStream.pictures(4)), "the camera was switched to H.264");

        LiveStream first = LiveStream.pictures(5).h264Form();
        LiveStream second = LiveStream.sub(6).h264Form();
        assertEquals(0, hub.transcodesWatched(first));
        hub.join(first, VIEWER);
        hub.join(LiveStream.pictures(6), VIEWER);
        hub.join(LiveStream.masked(6), VIEWER);
        assertEquals(1, hub.transcodesWatched(second), "only H.265 streams encoded as H.264 count");
        assertEquals(0, hub.transcodesWatched(first), "the stream asked for is left out");
        hub.join(second, VIEWER);
        assertEquals(2, hub.transcodesWatched(LiveStream.pictures(7).h264Form()));
        hub.leave(first, VIEWER);
        assertEquals(1, hub.transcodesWatched(LiveStream.pictures(7).h264Form()));
    }

    @Test
    void theEncodedFormsKeepTheSoundOfTheMainStreamAndTheSubStreamHasNone() {
        assertEquals(new LiveStream(9, false, false, true, true), LiveStream.sub(9).h264Form());
        assertEquals(new LiveStream(9, true, false, false, true), LiveStream.withSound(9).h264Form());
        assertEquals(new LiveStream(9, true, true, false, false), LiveStream.withSound(9).maskedForm());
        assertThrows(IllegalArgumentException.class, () -> new LiveStream(9, true, false, true, false), "a sub-stream with sound");
        assertThrows(IllegalArgumentException.class, () -> new LiveStream(9, false, true, false, true), "masked and H.264 at once");
        // all of a camera's streams, each once: the main stream's three forms with sound and without, the sub-stream's three
        List<LiveStream> all = LiveStream.allOf(9);
        assertEquals(9, all.size());
        assertEquals(9, Set.copyOf(all).size());
        assertEquals(3, all.stream().filter(LiveStream::sub).count());
        assertEquals(3, all.stream().filter(LiveStream::sound).count());
        assertEquals(6, all.stream().filter(stream -> stream.masked() || stream.h264()).count());
    }

    @Test
    void viewersArrivingTogetherNeverPassTheTranscodeLimit() throws Exception {
        int cameras = 16;
        ExecutorService pool = Executors.newFixedThreadPool(cameras);
        try {
            for (int round = 0; round < 50; round++) {
                LiveHub hub = new LiveHub(new SimpleMeterRegistry());
                CyclicBarrier together = new CyclicBarrier(cameras);
                List<Future<Boolean>> joined = new ArrayList<>();
                for (long camera = 1; camera <= cameras; camera++) {
                    LiveStream h264 = LiveStream.pictures(camera).h264Form();
                    joined.add(pool.submit(() -> {
                        together.await();
                        return hub.joinTranscoded(h264, VIEWER, 2);
                    }));
                }
                int admitted = 0;
                for (Future<Boolean> one : joined) {
                    admitted += one.get() ? 1 : 0;
                }
                assertEquals(2, admitted, "round " + round + ": one viewer each for 16 cameras at once, limit 2");
                assertEquals(2, hub.transcodesWatched(null));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTranscodedStreamWatchedAlreadyTakesAnotherViewerAtTheLimit() {
        LiveHub hub = new LiveHub(new SimpleMeterRegistry());
        LiveHub.Viewer second = new LiveHub.Viewer() {
            @Override
            public void start(String codec, byte[] init) {
            }

            @Override
            public void fragment(byte[] fragment, boolean key) {
            }
        };
        assertTrue(hub.joinTranscoded(LiveStream.pictures(4).h264Form(), VIEWER, 1));
        assertFalse(hub.joinTranscoded(LiveStream.pictures(5).h264Form(), VIEWER, 1), "a second camera's transcode");
        assertTrue(hub.joinTranscoded(LiveStream.pictures(4).h264Form(), second, 1), "the same stream costs nothing more");
        assertEquals(2, hub.viewers(LiveStream.pictures(4).h264Form()));
        hub.leave(LiveStream.pictures(4).h264Form(), VIEWER);
        hub.leave(LiveStream.pictures(4).h264Form(), second);
        assertTrue(hub.joinTranscoded(LiveStream.pictures(5).h264Form(), VIEWER, 1), "room again once nobody watches it");
    }
}
