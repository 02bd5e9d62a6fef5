package org.vigilvms.testkit.camera;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * H.264 encoder for one camera: FFmpeg's libopenh264 through JavaCPP, no B-frames (every picture
 * is sent as soon as it is encoded), SPS/PPS in-band before every IDR. Not thread-safe: one
 * encoding thread per camera.
 */
public final class H264Encoder implements AutoCloseable {

    private final int width;
    private final int height;
    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private long pts;
    private byte[] sps;
    private byte[] pps;

    static {
        // libopenh264 reports its rate-control choices as warnings; only errors matter here
        av_log_set_level(AV_LOG_ERROR);
    }

    public H264Encoder(int width, int height, int fps, int bitrate, int gop) {
        this.width = width;
        this.height = height;
        AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
        if (codec == null) {
            throw new IllegalStateException("FFmpeg has no libopenh264 encoder");
        }
        context = avcodec_alloc_context3(codec);
        context.width(width);
        context.height(height);
        context.time_base(av_make_q(1, fps));
        context.framerate(av_make_q(fps, 1));
        context.pix_fmt(AV_PIX_FMT_YUV420P);
        context.bit_rate(bitrate);
        context.gop_size(gop);
        context.max_b_frames(0);
        int rc = avcodec_open2(context, codec, (AVDictionary) null);
        if (rc < 0) {
            avcodec_free_context(context);
            throw new IllegalStateException("cannot open libopenh264 for " + width + "x" + height + ": error " + rc);
        }
        frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P);
        frame.width(width);
        frame.height(height);
        if (av_frame_get_buffer(frame, 32) < 0) {
            throw new IllegalStateException("cannot allocate a frame buffer");
        }
        packet = av_packet_alloc();
    }

    /** SPS of the stream, known after the first keyframe. */
    public byte[] sps() {
        return sps;
    }

    public byte[] pps() {
        return pps;
    }

    /**
     * Encodes one I420 picture; {@code forceKeyframe} asks for an IDR (a viewer just joined).
     * Returns the NAL units of the access unit (empty when the encoder skipped the picture).
     */
    public List<byte[]> encode(byte[] i420, boolean forceKeyframe) {
        if (av_frame_make_writable(frame) < 0) {
            throw new IllegalStateException("frame not writable");
        }
        copyPlane(i420, 0, width, height, frame.data(0), frame.linesize(0));
        copyPlane(i420, width * height, width / 2, height / 2, frame.data(1), frame.linesize(1));
        copyPlane(i420, width * height * 5 / 4, width / 2, height / 2, frame.data(2), frame.linesize(2));
        frame.pts(pts++);
        frame.pict_type(forceKeyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        frame.key_frame(forceKeyframe ? 1 : 0);
        int rc = avcodec_send_frame(context, frame);
        if (rc < 0) {
            throw new IllegalStateException("encoder refused a frame: error " + rc);
        }
        List<byte[]> units = new ArrayList<>();
        while (true) {
            rc = avcodec_receive_packet(context, packet);
            if (rc == AVERROR_EAGAIN() || rc < 0) {
                break;
            }
            byte[] data = new byte[packet.size()];
            packet.data().get(data);
            boolean key = (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            av_packet_unref(packet);
            for (byte[] nal : NalUnits.split(data, data.length)) {
                if (NalUnits.type(nal) == NalUnits.TYPE_SPS) {
                    sps = nal;
                } else if (NalUnits.type(nal) == NalUnits.TYPE_PPS) {
                    pps = nal;
                }
                units.add(nal);
            }
            if (key && units.stream().noneMatch(n -> NalUnits.type(n) == NalUnits.TYPE_SPS) && sps != null) {
                units.add(0, pps);
                units.add(0, sps);
            }
        }
        return units;
    }

    private static void copyPlane(byte[] src, int offset, int w, int h, BytePointer dst, int stride) {
        for (int row = 0; row < h; row++) {
            dst.position((long) row * stride).put(src, offset + row * w, w);
        }
        dst.position(0);
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(frame);
        avcodec_free_context(context);
    }
}
