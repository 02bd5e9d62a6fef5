package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Live view of one ingest session, remuxed only while it is wanted ({@link LiveHub#wanted}: a
 * viewer, or a live snapshot asked for lately). Meanwhile the packets since the latest keyframe
 * are kept by reference (no copy of the data), so the first viewer still starts at that keyframe
 * at once: the muxer opens at the next packet and takes the kept ones first. Used by the
 * recorder's thread only.
 */
public final class LiveFeed implements AutoCloseable {

    /** How long the muxer keeps running after the last viewer left (a page reload, a layout change). */
    static final long LINGER_MS = 10_000;

    private record Kept(AVPacket packet, long pts, long dts, boolean key) {
    }

    private final long cameraId;
    private final AVStream stream;
    private final LiveHub hub;
    private final List<Kept> sinceKey = new ArrayList<>();
    private LiveMuxer muxer;
    private boolean broken;
    private long lastWantedMs;

    public LiveFeed(long cameraId, AVStream stream, LiveHub hub) {
        this.cameraId = cameraId;
        this.stream = stream;
        this.hub = hub;
    }

    /** One video packet (times relative to the session, in the input time base); the packet is not consumed. */
    public void offer(AVPacket packet, long pts, long dts, boolean key, AVRational timeBase) {
        if (broken) {
            return;
        }
        long now = System.currentTimeMillis();
        if (hub.wanted(cameraId)) {
            lastWantedMs = now;
            if (muxer == null && (key || !sinceKey.isEmpty())) { // a live stream starts at a keyframe
                try {
                    muxer = LiveMuxer.open(cameraId, stream, hub);
                    for (Kept kept : sinceKey) {
                        muxer.write(kept.packet(), kept.pts(), kept.dts(), kept.key(), timeBase);
                    }
                } catch (RuntimeException e) {
                    fail(); // live view of this session ends; recording goes on
                    return;
                } finally {
                    release();
                }
            }
        } else if (muxer != null && now - lastWantedMs > LINGER_MS) {
            muxer.close();
            muxer = null;
        }
        if (muxer != null) {
            try {
                muxer.write(packet, pts, dts, key, timeBase);
            } catch (RuntimeException e) {
                fail();
            }
            return;
        }
        if (key) {
            release();
        }
        if ((key || !sinceKey.isEmpty()) && sinceKey.size() < LiveHub.MAX_CACHED) {
            sinceKey.add(new Kept(av_packet_clone(packet), pts, dts, key));
        }
    }

    private void fail() {
        broken = true;
        if (muxer != null) {
            muxer.close();
            muxer = null;
        }
    }

    private void release() {
        for (Kept kept : sinceKey) {
            av_packet_free(kept.packet());
        }
        sinceKey.clear();
    }

    @Override
    public void close() {
        release();
        if (muxer != null) {
            muxer.close();
            muxer = null;
        }
    }
}
