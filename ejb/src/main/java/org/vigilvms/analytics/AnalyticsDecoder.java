package org.vigilvms.analytics;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.jboss.logging.Logger;
import org.vigilvms.video.VideoFiles;

/**
 * Decodes one camera's packets on a thread of its own (the recorder's thread only copies them
 * into a short queue) and hands a 160x90 grey picture to the analyzer every {@code intervalMs}.
 * When analysis falls behind, packets are dropped up to the next keyframe: recording is never
 * slowed by analysis.
 */
final class AnalyticsDecoder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AnalyticsDecoder.class);
    private static final int QUEUE = 64;

    private record Item(AVPacket packet, boolean key, long captureMs) {
    }

    private final long cameraId;
    private final MotionAnalyzer analyzer;
    private final long intervalMs;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(QUEUE);
    private final Thread thread;
    private final AVCodecContext codec;
    private volatile boolean running = true;
    private boolean waitForKey = true;
    private long dropped;

    private final AnalyticsEngine.Counters counters;

    AnalyticsDecoder(long cameraId, AVCodecParameters parameters, MotionAnalyzer analyzer, long intervalMs, ThreadFactory threads,
                     AnalyticsEngine.Counters counters) {
        this.cameraId = cameraId;
        this.counters = counters;
        this.analyzer = analyzer;
        this.intervalMs = intervalMs;
        codec = VideoFiles.openDecoder(parameters, true);
        thread = threads.newThread(this::run);
        thread.setName("vigil-analytics-" + cameraId);
        thread.start();
    }

    /** Called on the recorder's thread: copies the packet, or drops it when analysis is behind. */
    void offer(AVPacket packet, boolean key, long captureMs) {
        AVPacket copy = av_packet_clone(packet);
        if (copy == null) {
            return;
        }
        if (!queue.offer(new Item(copy, key, captureMs))) {
            av_packet_free(copy);
            dropped++;
            counters.dropped().increment();
        }
    }

    private void run() {
        AVFrame frame = av_frame_alloc();
        GreyPictures grey = new GreyPictures();
        long lastAnalysedMs = Long.MIN_VALUE;
        long droppedSeen = 0;
        try {
            while (running) {
                Item item = queue.poll(200, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                try {
                    if (dropped != droppedSeen) { // a gap in the packets: the next picture needs a keyframe
                        droppedSeen = dropped;
                        waitForKey = true;
                    }
                    if (waitForKey && !item.key()) {
                        continue;
                    }
                    waitForKey = false;
                    if (avcodec_send_packet(codec, item.packet()) < 0) {
                        waitForKey = true;
                        continue;
                    }
                    while (avcodec_receive_frame(codec, frame) >= 0) {
                        if (lastAnalysedMs != Long.MIN_VALUE && item.captureMs() - lastAnalysedMs < intervalMs) {
                            continue;
                        }
                        lastAnalysedMs = item.captureMs();
                        analyzer.analyze(grey.of(frame), item.captureMs());
                        counters.analysed().increment();
                    }
                } catch (RuntimeException e) {
                    LOG.warnf(e, "analytics of camera %d skipped a picture", cameraId);
                } finally {
                    av_packet_free(item.packet());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                analyzer.close();
            } catch (RuntimeException e) {
                LOG.warnf(e, "analytics of camera %d did not close cleanly", cameraId);
            }
            Item left;
            while ((left = queue.poll()) != null) {
                av_packet_free(left.packet());
            }
            av_frame_free(frame);
            grey.close();
            avcodec_free_context(codec);
        }
    }

    /** Stops the thread and waits for it (the analyzer reports a motion still going on). */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
