package org.vigilvms.posture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.vigilvms.directory.DirectoryTransport;
import org.vigilvms.posture.Control.State;
import org.vigilvms.security.AccessRight;

/** Judges the X.1453 controls from an installation's settings: pure, so every state is unit-tested. */
public final class Posture {

    /**
     * What the judgement needs to know.
     *
     * @param insecureCameras enabled cameras on an accepted plain transport (RTSP, ONVIF over HTTP)
     * @param deviceCertificates whether every request must come from an enrolled device
     * @param secondFactor the TOTP policy: {@code none}, {@code admins} or {@code all}
     * @param fourEyes the actions that wait for a second person
     * @param fourEyesActions every action that can be made to wait
     * @param exportApproval whether exports wait for a second person
     * @param directory how the user directory is reached
     * @param siem where the SIEM listens, if one is configured
     * @param keysInHardware whether the installation's keys live in a PKCS#11 token
     */
    public record Settings(long insecureCameras, boolean deviceCertificates, String secondFactor, List<String> fourEyes,
                           List<String> fourEyesActions, boolean exportApproval, DirectoryTransport directory, Optional<String> siem,
                           boolean keysInHardware) {
    }

    private Posture() {
    }

    /** Every requirement of X.1453 section 8, in its order, with the insider threat's four eyes after AC-3. */
    public static List<Control> of(Settings s) {
        List<Control> controls = new ArrayList<>();
        String plainCameras = s.insecureCameras() + " enabled camera(s) on a plain transport an administrator accepted";
        controls.add(byCameras(s, "C-1", "video on the network is unreadable to others",
                "console, API and live video only over HTTPS (plain HTTP is redirected); every enabled camera over RTSPS",
                "console, API and live video only over HTTPS; " + plainCameras + " (plain RTSP): their video crosses the "
                        + "camera network readable"));
        controls.add(byCameras(s, "C-2", "camera control is unreadable to others", "camera sessions and ONVIF control over TLS only",
                plainCameras + " (plain RTSP or ONVIF over HTTP): their control and passwords cross the camera network readable"));
        controls.add(new Control("C-3", "stored video and analytics data are unreadable to others", State.PARTIAL,
                "segments AES-256-GCM under per-camera keys wrapped by the master key, which is "
                        + (s.keysInHardware() ? "in the PKCS#11 token" : "in a file outside the database")
                        + "; analytics metadata is stored unencrypted"));
        controls.add(byCameras(s, "I-1", "video from a camera is the camera's original",
                "every enabled camera over TLS with a pinned certificate or one from a trusted camera CA",
                plainCameras + ": video from them could be replaced on the way"));
        controls.add(new Control("I-2", "stored video is original", State.ENFORCED,
                "a hash chain per camera, heads signed every 10 s"
                        + s.siem().map(at -> " and sent to the SIEM at " + at)
                                .orElse("; no SIEM keeps copies of the heads, so links removed together with their heads are "
                                        + "found only against an anchor kept elsewhere")));
        controls.add(new Control("I-3", "exported video is provably unaltered", State.ENFORCED,
                "every export carries a manifest signed by the installation's key, checked by the offline verifier"));
        String factor = switch (s.secondFactor()) {
            case "all" -> "password and one-time code for everyone";
            case "admins" -> "password and one-time code for administrators";
            default -> "password only (no second factor required)";
        };
        String directory = s.directory() == DirectoryTransport.PLAIN
                ? "; directory passwords cross the network readable (ldap:// without TLS)" : "";
        State signIn = s.directory() == DirectoryTransport.PLAIN ? State.WEAKENED : State.ENFORCED;
        controls.add(new Control("A-1", "administrators are authenticated", signIn,
                (s.secondFactor().equals("none") ? "password only (no second factor required)"
                        : "password and one-time code") + directory));
        controls.add(new Control("A-2", "users who view video are authenticated", signIn, factor + directory));
        controls.add(s.deviceCertificates()
                ? new Control("A-3", "client devices are authenticated as devices", State.ENFORCED,
                        "every request needs a client certificate the internal CA issued to an enrolled, unrevoked device")
                : new Control("A-3", "client devices are authenticated as devices", State.OFF,
                        "any browser may reach the sign-in page (device-certificate mode is optional)"));
        controls.add(byCameras(s, "A-4", "cameras are authenticated as devices",
                "each camera's certificate pinned by an administrator or issued by a trusted camera CA",
                plainCameras + ": nothing proves they are the cameras they claim to be"));
        controls.add(new Control("AC-1", "live, playback and camera control are separate rights", State.ENFORCED,
                "rights " + Arrays.stream(AccessRight.values()).map(Enum::name).collect(Collectors.joining(", "))
                        + " per camera, site or every camera, checked in the services on every call"));
        controls.add(new Control("AC-2", "client users get only their rights", State.ENFORCED,
                "the console offers only what the user may use; the services refuse and audit anything else"));
        controls.add(new Control("AC-3", "every person has their own rights, no shared accounts", State.ENFORCED,
                "one account per person under one canonical name, local or from the directory; every action audited by name"));
        controls.add(insiders(s));
        controls.add(s.siem().isPresent()
                ? new Control("IP-1", "intrusions are prevented and fed to a security system", State.ENFORCED,
                        "request limits and sign-in lockout; audit trail and chain heads sent to the SIEM at " + s.siem().get()
                                + " over TLS")
                : new Control("IP-1", "intrusions are prevented and fed to a security system", State.PARTIAL,
                        "request limits and sign-in lockout; no SIEM configured, so refusals stay in this server's audit trail"));
        controls.add(new Control("IP-2", "only authenticated people enter the operations centre", State.OUTSIDE,
                "physical access is outside the software; " + (s.deviceCertificates()
                        ? "the console answers only enrolled devices" : "device-certificate mode could bind the console to enrolled devices")));
        return List.copyOf(controls);
    }

    /** A control that cameras on an accepted plain transport weaken: {@code weakened} says how. */
    private static Control byCameras(Settings s, String id, String requirement, String enforced, String weakened) {
        return s.insecureCameras() == 0 ? new Control(id, requirement, State.ENFORCED, enforced)
                : new Control(id, requirement, State.WEAKENED, weakened);
    }

    private static Control insiders(Settings s) {
        List<String> held = new ArrayList<>(s.fourEyes());
        if (s.exportApproval()) {
            held.add("export");
        }
        String requirement = "a second person approves what an insider could abuse";
        if (held.isEmpty()) {
            return new Control("T-INS", requirement, State.OFF, "no action waits for a second person");
        }
        boolean all = s.exportApproval() && s.fourEyes().containsAll(s.fourEyesActions());
        return new Control("T-INS", requirement, all ? State.ENFORCED : State.PARTIAL,
                "waiting for a second person: " + String.join(", ", held));
    }
}
