package org.vigilvms.video;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;

/**
 * Loads FFmpeg's codec and container libraries once and says which version runs. Health reports
 * the video runtime DOWN when the natives cannot be loaded (wrong platform, module missing), since
 * nothing can be recorded then.
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
@Lock(LockType.READ)
public class VideoRuntime {

    private volatile String description;

    /** "FFmpeg libavcodec x.y.z, libavformat x.y.z"; throws when the natives do not load. */
    public String describe() {
        String d = description;
        if (d == null) {
            d = "FFmpeg libavcodec " + version(avcodec.avcodec_version()) + ", libavformat "
                    + version(avformat.avformat_version());
            description = d;
        }
        return d;
    }

    static String version(int packed) {
        return (packed >>> 16) + "." + ((packed >>> 8) & 0xff) + "." + (packed & 0xff);
    }
}
