package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;

import java.util.List;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Burns privacy masks into a decoded picture: every covered pixel becomes black (luma 16,
 * neutral chroma), in place, before the picture is encoded or converted. A chroma sample shared
 * with a covered pixel is covered too. Pictures in a pixel format it does not know are refused
 * rather than passed on unmasked.
 */
public final class MaskPainter {

    static final int BLACK_LUMA = 16;
    static final int NEUTRAL_CHROMA = 128;

    private MaskPainter() {
    }

    /** Paints {@code boxes} (of this frame's size, see {@link MaskArea}) into {@code frame}. */
    public static void paint(AVFrame frame, List<MaskArea.Box> boxes) {
        if (boxes.isEmpty()) {
            return;
        }
        int[] shift = chromaShift(frame.format());
        if (av_frame_make_writable(frame) < 0) {
            throw new IllegalStateException("cannot make the picture writable to mask it");
        }
        for (int plane = 0; plane < 3; plane++) {
            int sx = plane == 0 ? 0 : shift[0];
            int sy = plane == 0 ? 0 : shift[1];
            int value = plane == 0 ? BLACK_LUMA : NEUTRAL_CHROMA;
            BytePointer data = frame.data(plane);
            int stride = frame.linesize(plane);
            for (MaskArea.Box box : boxes) {
                int left = box.left() >> sx;
                int right = (box.right() + (1 << sx) - 1) >> sx;
                int top = box.top() >> sy;
                int bottom = (box.bottom() + (1 << sy) - 1) >> sy;
                for (int y = top; y < bottom; y++) {
                    Pointer.memset(data.position((long) y * stride + left), value, right - left);
                }
            }
        }
    }

    /** log2 of the chroma subsampling (x, y) of the planar YUV formats decoders give. */
    private static int[] chromaShift(int format) {
        if (format == AV_PIX_FMT_YUV420P || format == AV_PIX_FMT_YUVJ420P) {
            return new int[] {1, 1};
        }
        if (format == AV_PIX_FMT_YUV422P || format == AV_PIX_FMT_YUVJ422P) {
            return new int[] {1, 0};
        }
        if (format == AV_PIX_FMT_YUV444P || format == AV_PIX_FMT_YUVJ444P) {
            return new int[] {0, 0};
        }
        throw new IllegalStateException("cannot mask pictures in pixel format " + format);
    }
}
