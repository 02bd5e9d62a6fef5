package org.vigilvms.testkit.camera;

import java.net.URI;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigilvms.setup.InternalCa;

/**
 * One virtual IP camera: renders and encodes its picture once per frame interval, whatever the
 * number of viewers, and hands every encoded frame to each subscribed RTSP session. Listens on
 * RTSP and RTSPS ports of its own, like a camera at its own address, and presents its own
 * certificate (issued by the simulator's "manufacturer" CA) on RTSPS.
 */
public final class VirtualCamera implements AutoCloseable {

    /** Frames a slow viewer may fall behind before the camera drops it (5 s at 25 fps). */
    static final int SUBSCRIBER_BACKLOG = 125;
    static final char[] KEY_PASSWORD = "camera".toCharArray();

    private final CameraConfig config;
    private final Faults faults = new Faults();
    private final SceneControl sceneControl = new SceneControl();
    private final PtzState ptz = new PtzState();
    private final CameraProfile main;
    private final CameraProfile sub;
    private final ScheduledExecutorService ticker;
    private final KeyStore keys;
    private final X509Certificate certificate;
    private final X509Certificate otherCertificate;
    private volatile Microphone microphone = Microphone.OFF;
    private long frameCounter;
    private final UUID uuid = UUID.randomUUID();
    private final SyntheticScene snapshotScene;
    private RtspListener rtsp;
    private RtspListener rtsps;
    private OnvifServer onvif;

    /** A viewer's queue of frames; the RTSP session drains it. */
    public static final class Subscriber {
        private final BlockingQueue<EncodedFrame> frames = new ArrayBlockingQueue<>(SUBSCRIBER_BACKLOG);
        private volatile boolean overflowed;
        private boolean started;

        public EncodedFrame take(long timeoutMs) throws InterruptedException {
            return frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
        }

        public boolean overflowed() {
            return overflowed;
        }

        void offer(EncodedFrame frame) {
            if (!started && !frame.keyframe()) {
                return; // a viewer starts at a keyframe
            }
            started = true;
            if (!frames.offer(frame)) {
                overflowed = true;
            }
        }
    }

    private VirtualCamera(CameraConfig config, InternalCa manufacturer, InternalCa impostor, EncodedLoop loop, EncodedLoop subLoop) {
        this.config = config;
        this.main = CameraProfile.main(config, loop);
        this.sub = CameraProfile.sub(config, subLoop);
        this.snapshotScene = new SyntheticScene(config.width(), config.height());
        String name = "camera-" + config.id();
        KeyStore own = manufacturer.issueServer(name, List.of("localhost"), List.of("127.0.0.1"), KEY_PASSWORD);
        KeyStore other = impostor.issueServer(name, List.of("localhost"), List.of("127.0.0.1"), KEY_PASSWORD);
        try {
            keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(CameraKeyManager.OWN, own.getKey("server", KEY_PASSWORD), KEY_PASSWORD,
                    own.getCertificateChain("server"));
            keys.setKeyEntry(CameraKeyManager.OTHER, other.getKey("server", KEY_PASSWORD), KEY_PASSWORD,
                    other.getCertificateChain("server"));
            ExpiredCertificate.add(keys, CameraKeyManager.EXPIRED, name, KEY_PASSWORD);
            certificate = (X509Certificate) own.getCertificate("server");
            otherCertificate = (X509Certificate) other.getCertificate("server");
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the key store of " + name, e);
        }
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "camera-" + config.id() + "-encoder");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts a camera. {@code manufacturer} issues its certificate; {@code impostor} issues the
     * other certificate it presents under {@link Faults#presentOtherCertificate}.
     */
    public static VirtualCamera start(CameraConfig config, InternalCa manufacturer, InternalCa impostor) {
        return start(config, manufacturer, impostor, null, null);
    }

    /**
     * As {@link #start(CameraConfig, InternalCa, InternalCa)}, replaying {@code loop} and
     * {@code subLoop} (the sub-stream's, {@link EncodedLoop#encodeSub}) when not null (benchmark mode).
     */
    public static VirtualCamera start(CameraConfig config, InternalCa manufacturer, InternalCa impostor, EncodedLoop loop,
                                      EncodedLoop subLoop) {
        VirtualCamera camera = new VirtualCamera(config, manufacturer, impostor, loop, subLoop);
        try {
            camera.tick(true); // the first keyframes give SPS/PPS for DESCRIBE
            long period = 1_000_000L / config.fps();
            camera.ticker.scheduleAtFixedRate(camera::tickSafely, period, period, TimeUnit.MICROSECONDS);
            if (config.rtspPort() >= 0) {
                camera.rtsp = RtspListener.plain(camera, config.rtspPort());
            }
            CameraKeyManager keyManager = new CameraKeyManager(camera.keys, camera.faults);
            if (config.rtspsPort() >= 0) {
                camera.rtsps = RtspListener.tls(camera, config.rtspsPort(), keyManager);
            }
            if (config.onvifPort() >= 0 || config.onvifsPort() >= 0) {
                camera.onvif = new OnvifServer(camera, config.onvifPort(), config.onvifsPort(), keyManager);
            }
            return camera;
        } catch (RuntimeException e) {
            camera.close();
            throw e;
        }
    }

    public CameraConfig config() {
        return config;
    }

    /** What the camera's microphone sends: nothing, AAC ({@link AacTone}) or G.711 mu-law ({@link G711Tone}). */
    public enum Microphone { OFF, AAC, G711 }

    /** Whether the microphone is on: streams described from now on carry a sound track. */
    public boolean sendsAudio() {
        return microphone != Microphone.OFF;
    }

    public Microphone microphone() {
        return microphone;
    }

    /** Microphone on (AAC) or off. */
    public void sendAudio(boolean on) {
        sendAudio(on ? Microphone.AAC : Microphone.OFF);
    }

    public void sendAudio(Microphone microphone) {
        if (microphone == Microphone.AAC) {
            AacTone.get(); // encoded before the first DESCRIBE needs it
        }
        this.microphone = microphone;
    }

    public Faults faults() {
        return faults;
    }

    /** What is in front of the camera (still scene, intruder), for analytics tests. */
    public SceneControl scene() {
        return sceneControl;
    }

    public PtzState ptz() {
        return ptz;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public X509Certificate otherCertificate() {
        return otherCertificate;
    }

    public int rtspPort() {
        return rtsp == null ? -1 : rtsp.port();
    }

    public int rtspsPort() {
        return rtsps == null ? -1 : rtsps.port();
    }

    /** Stream URL without credentials, e.g. rtsp://127.0.0.1:8554/stream1. */
    public String rtspUrl() {
        return "rtsp://127.0.0.1:" + rtspPort() + "/" + CameraProfile.MAIN;
    }

    public String rtspsUrl() {
        return "rtsps://127.0.0.1:" + rtspsPort() + "/" + CameraProfile.MAIN;
    }

    /** The sub-stream's URL without credentials, e.g. rtsp://127.0.0.1:8554/stream2 ({@link CameraProfile}). */
    public String subRtspUrl() {
        return "rtsp://127.0.0.1:" + rtspPort() + "/" + CameraProfile.SUB;
    }

    public String subRtspsUrl() {
        return "rtsps://127.0.0.1:" + rtspsPort() + "/" + CameraProfile.SUB;
    }

    /** What the camera's streams are encoded in. */
    public VideoCodec codec() {
        return main.codec();
    }

    /** The sub-stream's picture width and height. */
    public int subWidth() {
        return sub.width();
    }

    public int subHeight() {
        return sub.height();
    }

    /** The stream an RTSP request address names, or null (404). */
    CameraProfile profile(String uri) {
        String path = URI.create(uri).getPath();
        String stream = path == null ? "" : path.replaceAll("/trackID=\\d+$", "");
        for (CameraProfile profile : List.of(main, sub)) {
            if (profile.serves(stream)) {
                return profile;
            }
        }
        return null;
    }

    CameraProfile mainProfile() {
        return main;
    }

    /** The streams this camera serves, main first (its ONVIF media profiles). */
    List<CameraProfile> profiles() {
        return List.of(main, sub);
    }

    public int onvifPort() {
        return onvif == null ? -1 : onvif.httpPort();
    }

    public int onvifsPort() {
        return onvif == null ? -1 : onvif.httpsPort();
    }

    /** ONVIF device service address over HTTP, as announced by WS-Discovery. */
    public String onvifDeviceUrl() {
        return "http://127.0.0.1:" + onvifPort() + OnvifServer.DEVICE_PATH;
    }

    public String onvifsDeviceUrl() {
        return "https://127.0.0.1:" + onvifsPort() + OnvifServer.DEVICE_PATH;
    }

    /** Stable id of this camera for WS-Discovery (urn:uuid:...). */
    public UUID uuid() {
        return uuid;
    }

    /** A fresh picture's luma plane (what the JPEG snapshot shows). */
    byte[] renderSnapshot() {
        FrameStamp stamp = new FrameStamp(config.id(), frameCounter(), System.currentTimeMillis() + faults.clockSkewMs,
                ptz.pan(), ptz.tilt(), ptz.zoom());
        synchronized (snapshotScene) {
            return Arrays.copyOf(snapshotScene.render(stamp, faults.covered, sceneControl), config.width() * config.height());
        }
    }

    /** Frames produced so far. */
    public synchronized long frameCounter() {
        return frameCounter;
    }

    private final AtomicLong framesSent = new AtomicLong();

    /** Video frames written to RTSP clients so far (each client's copy counts). */
    public long framesSent() {
        return framesSent.get();
    }

    void sent() {
        framesSent.incrementAndGet();
    }

    private void tickSafely() {
        try {
            for (int i = 0; i < Math.max(1, faults.floodFactor); i++) {
                tick(false);
            }
        } catch (RuntimeException e) {
            System.err.println("camera " + config.id() + ": encoding failed: " + e.getMessage());
        }
    }

    private synchronized void tick(boolean first) {
        ptz.advance(1.0 / config.fps());
        long now = System.currentTimeMillis() + faults.clockSkewMs;
        FrameStamp stamp = new FrameStamp(config.id(), frameCounter, now, ptz.pan(), ptz.tilt(), ptz.zoom());
        frameCounter++;
        long size = faults.pictureSize;
        main.resize(size == 0 ? config.width() : (int) (size >>> 32), size == 0 ? config.height() : (int) size);
        long subSize = faults.subPictureSize;
        sub.resize(subSize == 0 ? CameraProfile.subWidth(config) : (int) (subSize >>> 32),
                subSize == 0 ? CameraProfile.subHeight(config) : (int) subSize);
        main.tick(stamp, faults.covered, sceneControl, faults.stall, first);
        sub.tick(stamp, faults.covered, sceneControl, faults.stall, first);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        if (onvif != null) {
            onvif.close();
        }
        if (rtsp != null) {
            rtsp.close();
        }
        if (rtsps != null) {
            rtsps.close();
        }
        try {
            ticker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            main.close();
            sub.close();
        }
    }
}
