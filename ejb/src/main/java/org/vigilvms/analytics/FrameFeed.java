package org.vigilvms.analytics;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.jboss.logging.Logger;
import org.vigilvms.jms.analytics.AnalyticsConfiguration;

/**
 * Where the recorder hands its packets to analytics, in the same JVM (as it hands them to live
 * view): nothing is decoded for a camera without a verified analytics configuration. A camera
 * with a running sub-stream is analysed from it (smaller pictures to decode), else from its main
 * stream; the recorder decides which feeds.
 */
@ApplicationScoped
public class FrameFeed {

    private static final Logger LOG = Logger.getLogger(FrameFeed.class);
    /** One analysed picture per this many ms: 5 per second. */
    static final long INTERVAL_MS = 200;

    @Inject
    private AnalyticsEngine engine;

    @Resource
    private ManagedThreadFactory threads;

    /** A feed for one recording session of a camera; the recorder calls it for every video packet. */
    public CameraFeed open(long cameraId, AVStream stream) {
        return new CameraFeed(cameraId, stream);
    }

    /** One camera's session: starts, restarts (new configuration) and stops its decoder as the configuration says. */
    public final class CameraFeed implements AutoCloseable {
        private final long cameraId;
        private final AVStream stream;
        private AnalyticsDecoder decoder;
        private int version = -1;
        private boolean failed;

        CameraFeed(long cameraId, AVStream stream) {
            this.cameraId = cameraId;
            this.stream = stream;
        }

        public void offer(AVPacket packet, boolean key, long captureMs) {
            AnalyticsConfiguration config = engine.configFor(cameraId);
            int wanted = config == null || !config.enabled() ? -1 : config.version();
            if (wanted != version) {
                close();
                version = wanted;
                failed = false;
                if (config != null && config.enabled()) {
                    try {
                        decoder = new AnalyticsDecoder(cameraId, stream.codecpar(),
                                new MotionAnalyzer(config, engine.reportsFor(cameraId)), INTERVAL_MS, threads,
                                engine.countersFor(cameraId));
                    } catch (RuntimeException | LinkageError e) {
                        failed = true;
                        LOG.errorf(e, "analytics cannot start for camera %d", cameraId);
                    }
                }
            }
            if (decoder != null && !failed) {
                decoder.offer(packet, key, captureMs);
            }
        }

        /**
         * Stops analysing this session for now (another stream of the camera feeds analytics);
         * the next {@link #offer} starts the decoder again, from a key picture.
         */
        public void suspend() {
            close();
            version = -1;
        }

        @Override
        public void close() {
            if (decoder != null) {
                decoder.close();
                decoder = null;
            }
        }
    }
}
