package org.vigilvms.testkit.camera;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import org.vigilvms.setup.Passwords;

/**
 * The camera simulator as a program:
 * {@code java -cp "testkit/target/vigil-testkit.jar:testkit/target/lib/*" org.vigilvms.testkit.camera.VirtualCameraMain --cameras 4}.
 * Prints each camera's URLs and certificate fingerprint; runs until stopped. A bad flag or a
 * port in use ends it with status 2 or 1 and one line saying which.
 */
public final class VirtualCameraMain {

    private VirtualCameraMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = 4;
        int width = 1280;
        int height = 720;
        int fps = 25;
        int bitrate = 2_000_000;
        int gop = 50;
        int rtsp = 8554;
        int rtsps = 8654;
        int onvif = 18080;
        int onvifs = 18443;
        int discovery = WsDiscoveryResponder.DEFAULT_PORT;
        int loopSeconds = 0;
        VirtualCamera.Microphone audio = VirtualCamera.Microphone.OFF;
        VideoCodec codec = VideoCodec.H264;
        String user = "admin";
        String password = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help")) {
                usage();
                return;
            }
            if (i + 1 >= args.length) {
                fail(2, flag + " needs a value");
            }
            String value = args[++i];
            try {
                switch (flag) {
                    case "--cameras" -> count = Integer.parseInt(value);
                    case "--width" -> width = Integer.parseInt(value);
                    case "--height" -> height = Integer.parseInt(value);
                    case "--fps" -> fps = Integer.parseInt(value);
                    case "--bitrate" -> bitrate = Integer.parseInt(value);
                    case "--gop" -> gop = Integer.parseInt(value);
                    case "--rtsp-port" -> rtsp = Integer.parseInt(value);
                    case "--rtsps-port" -> rtsps = Integer.parseInt(value);
                    case "--onvif-port" -> onvif = Integer.parseInt(value);
                    case "--onvifs-port" -> onvifs = Integer.parseInt(value);
                    case "--discovery-port" -> discovery = Integer.parseInt(value);
                    case "--loop-seconds" -> loopSeconds = Integer.parseInt(value);
                    case "--audio" -> audio = switch (value) {
                        case "on", "aac" -> VirtualCamera.Microphone.AAC;
                        case "g711" -> VirtualCamera.Microphone.G711;
                        case "off" -> VirtualCamera.Microphone.OFF;
                        default -> throw new NumberFormatException();
                    };
                    case "--codec" -> codec = switch (value) {
                        case "h264" -> VideoCodec.H264;
                        case "h265" -> VideoCodec.H265;
                        default -> throw new NumberFormatException();
                    };
                    case "--user" -> user = value;
                    case "--password" -> password = value;
                    default -> fail(2, "unknown flag " + flag + " (see --help)");
                }
            } catch (NumberFormatException e) {
                fail(2, flag + (flag.equals("--audio") ? " needs on (aac), g711 or off"
                        : flag.equals("--codec") ? " needs h264 or h265" : " needs a number") + ", got '" + value + "'");
            }
        }
        if (count < 1 || count > 256) {
            fail(2, "--cameras must be 1..256, got " + count);
        }
        boolean generated = password == null;
        if (generated) {
            password = Passwords.generateTypeable();
        }
        CameraConfig template;
        try {
            template = new CameraConfig(1, width, height, fps, bitrate, gop, user, password, rtsp, rtsps, onvif, onvifs);
        } catch (IllegalArgumentException e) {
            fail(2, e.getMessage());
            return;
        }
        VirtualCameraFleet fleet;
        try {
            fleet = VirtualCameraFleet.start(count, template, discovery, loopSeconds, codec);
        } catch (RuntimeException e) {
            fail(1, e.getMessage());
            return;
        }
        for (VirtualCamera camera : fleet.cameras()) {
            camera.sendAudio(audio);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(fleet::close, "cameras-stop"));
        System.out.println("READY " + count + " virtual camera(s), " + width + "x" + height + " " + fps + " fps, user '" + user + "'"
                + (generated ? ", generated password: " + password : ""));
        for (VirtualCamera camera : fleet.cameras()) {
            System.out.println("camera " + camera.config().id() + ": " + camera.rtspUrl() + "  " + camera.rtspsUrl()
                    + "  " + camera.onvifDeviceUrl() + "  certificate SHA-256 " + fingerprint(camera));
        }
        if (fleet.discovery() != null) {
            System.out.println("WS-Discovery on UDP " + fleet.discovery().port()
                    + (fleet.discovery().multicast() ? " (unicast and multicast)" : " (unicast only)"));
        }
        new CountDownLatch(1).await();
    }

    private static String fingerprint(VirtualCamera camera) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(camera.certificate().getEncoded()), 0, 8)
                + "...";
    }

    private static void usage() {
        System.out.println("usage: VirtualCameraMain [--cameras N] [--width W --height H --fps F --bitrate BPS --gop N]\n"
                + "       [--rtsp-port BASE] [--rtsps-port BASE] [--onvif-port BASE] [--onvifs-port BASE]\n"
                + "       [--discovery-port P|-1] [--user U] [--password P] [--loop-seconds S] [--audio on|g711|off]\n"
                + "       [--codec h264|h265]\n"
                + "Camera i listens on BASE+i-1 of each kind; 0 picks free ports, -1 disables a listener.\n"
                + "--loop-seconds S: benchmark mode, S seconds encoded once and replayed by every camera.\n"
                + "--audio on: every camera also sends a 440 Hz tone as AAC (16 kHz mono); g711: as G.711 mu-law (8 kHz).\n"
                + "--codec h265: H.265, a loop encoded once by Debian's ffmpeg (libx265); default h264.");
    }

    private static void fail(int status, String message) {
        System.err.println("virtual-cameras: " + message);
        System.exit(status);
    }
}
