package org.vigilvms.video;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/** One decoded frame kept at full size in colour and written as JPEG (snapshots). */
public final class StillPicture implements AutoCloseable {

    private SwsContext scaler;
    private BytePointer bgr;
    private BufferedImage image;

    /** Keeps {@code frame} (replacing the one kept before). */
    public void keep(AVFrame frame) {
        int width = frame.width();
        int height = frame.height();
        if (image == null || image.getWidth() != width || image.getHeight() != height) {
            if (bgr != null) {
                bgr.close();
            }
            bgr = new BytePointer((long) width * height * 3);
            image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        }
        scaler = sws_getCachedContext(scaler, width, height, frame.format(), width, height, AV_PIX_FMT_BGR24, SWS_BILINEAR,
                null, null, (DoublePointer) null);
        // swscale reads four plane pointers and four strides whatever the format
        try (PointerPointer<BytePointer> planes = new PointerPointer<>(bgr, null, null, null);
             IntPointer strides = new IntPointer(width * 3, 0, 0, 0)) {
            sws_scale(scaler, frame.data(), frame.linesize(), 0, height, planes, strides);
        }
        bgr.get(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
    }

    public boolean isEmpty() {
        return image == null;
    }

    /** The kept frame as a JPEG of high quality (burned-in text and faces stay readable). */
    public byte[] jpeg() {
        if (image == null) {
            throw new IllegalStateException("no frame kept");
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the JPEG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        if (bgr != null) {
            bgr.close();
        }
    }
}
