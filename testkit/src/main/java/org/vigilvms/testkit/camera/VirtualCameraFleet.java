package org.vigilvms.testkit.camera;

import java.util.ArrayList;
import java.util.List;
import org.vigilvms.setup.InternalCa;

/**
 * N virtual cameras in one process, each on ports of its own (base port + index, like cameras at
 * separate addresses), sharing one "manufacturer" CA and one WS-Discovery responder.
 */
public final class VirtualCameraFleet implements AutoCloseable {

    private final List<VirtualCamera> cameras;
    private final WsDiscoveryResponder discovery;
    private final InternalCa manufacturer;

    private VirtualCameraFleet(List<VirtualCamera> cameras, WsDiscoveryResponder discovery, InternalCa manufacturer) {
        this.cameras = cameras;
        this.discovery = discovery;
        this.manufacturer = manufacturer;
    }

    /**
     * Starts cameras 1..count from {@code template} (its id and ports are bases: camera i gets
     * base + i - 1; 0 keeps "any free port", -1 "disabled"). {@code discoveryPort} -1 disables
     * WS-Discovery.
     */
    public static VirtualCameraFleet start(int count, CameraConfig template, int discoveryPort) {
        return start(count, template, discoveryPort, 0);
    }

    /** As {@link #start(int, CameraConfig, int)}; {@code loopSeconds} > 0 selects benchmark mode ({@link EncodedLoop}). */
    public static VirtualCameraFleet start(int count, CameraConfig template, int discoveryPort, int loopSeconds) {
        return start(count, template, discoveryPort, loopSeconds, VideoCodec.H264);
    }

    /** The loop an H.265 camera replays when no length was asked for. */
    public static final int H265_LOOP_SECONDS = 4;

    /**
     * As {@link #start(int, CameraConfig, int, int)}, sending {@code codec}; H.265 cameras always
     * replay a loop ({@link EncodedLoop}), of {@link #H265_LOOP_SECONDS} when {@code loopSeconds} is 0.
     */
    public static VirtualCameraFleet start(int count, CameraConfig template, int discoveryPort, int loopSeconds, VideoCodec codec) {
        int seconds = codec == VideoCodec.H265 && loopSeconds <= 0 ? H265_LOOP_SECONDS : loopSeconds;
        EncodedLoop loop = seconds > 0 ? EncodedLoop.encode(template, seconds, codec) : null;
        EncodedLoop subLoop = seconds > 0 ? EncodedLoop.encodeSub(template, seconds, codec) : null;
        InternalCa manufacturer = InternalCa.create("Vigil virtual camera manufacturer");
        InternalCa impostor = InternalCa.create("impostor");
        List<VirtualCamera> cameras = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                CameraConfig c = new CameraConfig(template.id() + i, template.width(), template.height(), template.fps(),
                        template.bitrate(), template.gop(), template.user(), template.password(),
                        offset(template.rtspPort(), i), offset(template.rtspsPort(), i),
                        offset(template.onvifPort(), i), offset(template.onvifsPort(), i));
                cameras.add(VirtualCamera.start(c, manufacturer, impostor, loop, subLoop));
            }
            WsDiscoveryResponder discovery = discoveryPort < 0 ? null : new WsDiscoveryResponder(discoveryPort, cameras);
            return new VirtualCameraFleet(List.copyOf(cameras), discovery, manufacturer);
        } catch (RuntimeException e) {
            cameras.forEach(VirtualCamera::close);
            throw e;
        }
    }

    private static int offset(int base, int index) {
        return base <= 0 ? base : base + index;
    }

    public List<VirtualCamera> cameras() {
        return cameras;
    }

    public VirtualCamera camera(int index) {
        return cameras.get(index);
    }

    /** The CA that issued every camera's own certificate (what an admin would choose to trust). */
    public InternalCa manufacturer() {
        return manufacturer;
    }

    public WsDiscoveryResponder discovery() {
        return discovery;
    }

    @Override
    public void close() {
        if (discovery != null) {
            discovery.close();
        }
        cameras.forEach(VirtualCamera::close);
    }
}
