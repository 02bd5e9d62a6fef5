package org.vigilvms.live;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
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
        LiveHub hub = new LiveHub();
        assertFalse(hub.wanted(1), "nobody watches: no live remux");
        hub.join(1, VIEWER);
        assertTrue(hub.wanted(1));
        hub.leave(1, VIEWER);
        assertFalse(hub.wanted(1));
        // a live snapshot asks for the stream and waits for the recorder to start it
        Thread recorder = new Thread(() -> {
            while (!hub.wanted(2)) {
                Thread.onSpinWait();
            }
            hub.start(2, "avc1.42e01e", new byte[] {1});
            hub.fragment(2, new byte[] {2}, true);
        });
        recorder.start();
        Optional<byte[]> group = hub.awaitPictureGroup(2, Duration.ofSeconds(5));
        recorder.join();
        assertArrayEquals(new byte[] {1, 2}, group.orElseThrow(), "init segment and the picture group");
        assertTrue(hub.wanted(2), "stays wanted for a while after a snapshot");
        assertFalse(hub.awaitPictureGroup(3, Duration.ofMillis(50)).isPresent(), "a camera that never streams: nothing");
    }
}
