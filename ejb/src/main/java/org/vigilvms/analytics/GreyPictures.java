package org.vigilvms.analytics;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** Decoded frames scaled down to the analyzer's small grey picture (swscale, area averaging). */
final class GreyPictures implements AutoCloseable {

    private final BytePointer grey = new BytePointer((long) MotionAnalyzer.WIDTH * MotionAnalyzer.HEIGHT);
    // swscale reads four plane pointers and four strides whatever the format: give it four of each
    private final PointerPointer<BytePointer> planes = new PointerPointer<>(grey, null, null, null);
    private final IntPointer strides = new IntPointer(MotionAnalyzer.WIDTH, 0, 0, 0);
    private final byte[] picture = new byte[MotionAnalyzer.WIDTH * MotionAnalyzer.HEIGHT];
    private SwsContext scaler;

    /** The picture of {@code frame} (the returned array is reused by the next call). */
    byte[] of(AVFrame frame) {
        scaler = sws_getCachedContext(scaler, frame.width(), frame.height(), frame.format(), MotionAnalyzer.WIDTH,
                MotionAnalyzer.HEIGHT, AV_PIX_FMT_GRAY8, SWS_AREA, null, null, (DoublePointer) null);
        sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), planes, strides);
        grey.get(picture);
        return picture;
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        planes.close();
        strides.close();
        grey.close();
    }
}
