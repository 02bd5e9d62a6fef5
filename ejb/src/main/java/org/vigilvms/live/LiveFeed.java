package org.vigilvms.live;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_clone;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;

/**
 * Live view of one ingest session, remuxed only while it is wanted ({@link LiveHub#wanted}: a
 * viewer, or a live snapshot asked for lately). Meanwhile the packets since the latest keyframe
 * are kept by reference (no copy of the data), so the first viewer still starts at that keyframe
 * at once: the muxer opens at the next packet and takes the kept ones first. The camera's
 * sound (AAC) goes along while it comes; when it stops for {@link #SOUND_LAPSE_MS} with the
 * pictures still coming, the live stream restarts at the next keyframe with pictures only for the
 * rest of the session, since a browser plays a stream only as far as all its tracks reach. Used
 * by the recorder's thread only.
 */
public final class LiveFeed implements AutoCloseable {

    /** How long the muxer keeps running after the last viewer left (a page reload, a layout change). */
    static final long LINGER_MS = 10_000;

    /** Sound that has not come for this long (wall time) while the pictures come is taken as stopped. */
    static final long SOUND_LAPSE_MS = 2_000;

    private record Kept(AVPacket packet, long pts, long dts, boolean key) {
    }

    private final long cameraId;
    private final AVStream stream;
    /** The sound as the recorder stores it (AAC), or null: the live stream carries pictures only. */
    private final AVCodecParameters soundParameters;
    private final AVRational soundTimeBase;
    private final LiveHub hub;
    private final List<Kept> sinceKey = new ArrayList<>();
    private final List<Kept> soundSinceKey = new ArrayList<>();
    private LiveMuxer muxer;
    private boolean broken;
    private boolean soundStopped;
    private long lastWantedMs;
    private long lastSoundMs;

    /** {@code soundParameters}: the sound track the recorder stores, or null; only AAC goes live. */
    public LiveFeed(long cameraId, AVStream stream, AVCodecParameters soundParameters, AVRational soundTimeBase, LiveHub hub) {
        this.cameraId = cameraId;
        this.stream = stream;
        boolean aac = soundParameters != null && soundParameters.codec_id() == AV_CODEC_ID_AAC;
        this.soundParameters = aac ? soundParameters : null;
        this.soundTimeBase = aac ? soundTimeBase : null;
        this.hub = hub;
    }

    /** One video packet (times relative to the session, in the input time base); the packet is not consumed. */
    public void offer(AVPacket packet, long pts, long dts, boolean key, AVRational timeBase) {
        if (broken) {
            return;
        }
        long now = System.currentTimeMillis();
        boolean soundComing = soundParameters != null && !soundStopped && now - lastSoundMs <= SOUND_LAPSE_MS;
        if (muxer != null && muxer.hasSound() != soundComing && (key || muxer.hasSound())) {
            // the sound stopped: pictures only from the next keyframe on; the sound started (the
            // stream opened before it came): again with sound from this keyframe. Viewers get the new stream.
            soundStopped = muxer.hasSound();
            muxer.close();
            muxer = null;
        }
        if (hub.wanted(cameraId)) {
            lastWantedMs = now;
            if (muxer == null && (key || !sinceKey.isEmpty())) { // a live stream starts at a keyframe
                try {
                    muxer = LiveMuxer.open(cameraId, stream, soundComing ? soundParameters : null, soundTimeBase, hub);
                    for (Kept kept : sinceKey) {
                        muxer.write(kept.packet(), kept.pts(), kept.dts(), kept.key(), timeBase);
                    }
                    for (Kept kept : soundSinceKey) {
                        muxer.writeSound(kept.packet(), kept.pts(), soundTimeBase);
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

    /**
     * One sound packet of the track given at construction (its time relative to the session, in
     * that track's time base); the packet is not consumed.
     */
    public void offerSound(AVPacket packet, long pts) {
        if (broken || soundParameters == null || soundStopped) {
            return;
        }
        lastSoundMs = System.currentTimeMillis();
        if (muxer != null) {
            try {
                muxer.writeSound(packet, pts, soundTimeBase);
            } catch (RuntimeException e) {
                fail();
            }
        } else if (!sinceKey.isEmpty() && soundSinceKey.size() < LiveHub.MAX_CACHED) {
            soundSinceKey.add(new Kept(av_packet_clone(packet), pts, pts, true));
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
        for (List<Kept> kept : List.of(sinceKey, soundSinceKey)) {
            kept.forEach(k -> av_packet_free(k.packet()));
            kept.clear();
        }
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
