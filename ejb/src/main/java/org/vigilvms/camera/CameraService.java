package org.vigilvms.camera;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.onvif.OnvifClient;
import org.vigilvms.camera.onvif.OnvifException;
import org.vigilvms.camera.onvif.UntrustedDeviceException;
import org.vigilvms.camera.onvif.WsDiscovery;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.camera.CameraCommand;
import org.vigilvms.keys.KeyVault;
import org.vigilvms.messaging.SignedSender;
import org.vigilvms.ownership.OwnerBook;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.NodeName;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessRight;
import org.vigilvms.video.StreamProbe;

/**
 * Adds, lists, disables and enables cameras. Changes need MANAGE_CAMERAS and are audited; the
 * list shows only cameras the caller has a right on; PTZ needs PTZ on the camera and is
 * arbitrated by priority. The camera password is sealed under the master key before it reaches
 * the database.
 */
@PermitAll // authorization per call through AccessControl (rights per camera), not by role
@Stateless
public class CameraService {


    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext session;

    @Inject
    private AccessControl access;

    @Inject
    private PtzArbiter ptzArbiter;

    @Inject
    private CameraRegistry registry;

    @Inject
    private SignedSender sender;

    @Inject
    private OwnerBook ownerBook;

    @Inject
    private TrustedCameraCas trustedCas;

    public CameraView add(NewCamera request) {
        access.require(AccessRight.MANAGE_CAMERAS);
        return registry.register(em, request, caller());
    }

    /** Changes a camera (see {@link CameraRegistry#update}); the recorder picks the change up at once. */
    public CameraView update(long id, NewCamera changes) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        String streamBefore = camera.getStreamUrl() + " " + camera.getUsername();
        registry.update(em, camera, changes, caller());
        if (!SubStreamRule.stillFits(camera.getStreamUrl(), camera.getSubStreamUrl())) {
            audit.record(caller(), "camera.substream", "camera:" + id, AuditEvent.Outcome.SUCCESS,
                    "removed " + camera.getSubStreamUrl() + ": the main stream moved to another endpoint");
            camera.subStream(null);
        }
        boolean streamChanged = !streamBefore.equals(camera.getStreamUrl() + " " + camera.getUsername())
                || changes.password() != null && !changes.password().isEmpty();
        if (camera.isEnabled() && streamChanged) { // the recorder reconnects with the new address or credentials
            camera.changeStatus(CameraStatus.NEW, "changed by " + caller(), clock.instant());
            sender.send(ServiceIdentity.MANAGEMENT, Destinations.CAMERA_COMMANDS,
                    CameraCommand.TYPE, new CameraCommand(id,
                            CameraCommand.START_RECORDING, caller()));
        }
        return CameraView.of(camera);
    }

    /**
     * Tries a stream before it is added or after a change: opens it as the recorder would and
     * says what it carries. An RTSPS camera's certificate is looked at first; credentials go only
     * to a camera whose certificate is the approved one of {@code existingId} (else the report
     * gives the fingerprint to approve). The stored password is used only for the stored host and
     * port; another address needs it entered again (400). Nothing is stored; audited.
     */
    public ConnectionReport testConnection(NewCamera candidate, Long existingId) {
        Camera existing = null;
        if (existingId != null) {
            access.require(AccessRight.MANAGE_CAMERAS, existingId);
            existing = em.find(Camera.class, existingId);
            if (existing == null) {
                throw new InvalidRequestException("no camera " + existingId);
            }
        } else {
            access.require(AccessRight.MANAGE_CAMERAS);
        }
        String url = validUrl(required(candidate == null ? null : candidate.streamUrl(), "streamUrl").trim());
        String username = candidate.username() == null || candidate.username().isBlank() ? null : candidate.username();
        String password = candidate.password();
        if ((password == null || password.isEmpty()) && existing != null && existing.hasPassword()) {
            if (!StreamSource.sameEndpoint(url, existing.getStreamUrl())) {
                // a stored password is never sent to an address it was not entered for
                throw new InvalidRequestException("the stored password goes only to the address it was entered for: "
                        + "enter it again to test another host or port");
            }
            password = existing.password(KeyVault.fromSystemProperty());
        }
        if (!url.startsWith("rtsps://")) {
            return probed(url, StreamSource.withCredentials(url, username, password), null);
        }
        // RTSPS: judged on the very connection the probe then uses (no second, unchecked handshake)
        Camera pinned = existing != null && existing.tlsPinnedSha256() != null ? existing : null;
        X509Certificate[][] seen = new X509Certificate[1][];
        CameraTlsRelay relay;
        try {
            relay = CameraTlsRelay.open(url, chain -> {
                seen[0] = chain;
                try {
                    return pinned != null ? MessageDigest.isEqual(pinned.tlsPinnedSha256(),
                            CertificateFingerprint.sha256(chain[0])) : trustedCas.issuerOf(chain, URI.create(url).getHost()) != null;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (CameraTlsRelay.Unreachable e) {
            ConnectionReport report = new ConnectionReport(false, CameraStatus.OFFLINE, e.getMessage(), null, 0, 0, 0, null, null);
            audit.record(caller(), "camera.tested", url, AuditEvent.Outcome.FAILURE, report.detail());
            return report;
        }
        String fingerprint;
        try {
            fingerprint = HexFormat.of().formatHex(CertificateFingerprint.sha256(seen[0][0]));
        } catch (IOException e) {
            fingerprint = null;
        }
        if (relay == null) {
            ConnectionReport report = new ConnectionReport(false, pinned != null ? CameraStatus.CERTIFICATE_MISMATCH
                    : CameraStatus.CERTIFICATE_UNAPPROVED, "the camera presented certificate SHA-256 " + fingerprint
                    + " (not from a trusted CA for this host); compare it with the camera's own, then approve it (no credentials were sent)",
                    null, 0, 0, 0, null, fingerprint);
            audit.record(caller(), "camera.tested", url, AuditEvent.Outcome.FAILURE, report.detail());
            return report;
        }
        try {
            String userInfo = StreamSource.userInfo(username, password);
            return probed(url, relay.rtspUrl(userInfo), fingerprint);
        } finally {
            relay.close();
        }
    }

    /** Probes {@code openUrl} (credentials inside) and reports it under {@code url}; audited. */
    private ConnectionReport probed(String url, String openUrl, String fingerprint) {
        StreamProbe.Result probed = StreamProbe.probe(openUrl);
        ConnectionReport report = new ConnectionReport(probed.opened(), probed.opened() ? CameraStatus.ONLINE
                : probed.unauthorized() ? CameraStatus.UNAUTHORIZED : CameraStatus.OFFLINE, probed.detail(), probed.videoCodec(),
                probed.width(), probed.height(), probed.framesPerSecond(), probed.audioCodec(), fingerprint);
        audit.record(caller(), "camera.tested", url, probed.opened() ? AuditEvent.Outcome.SUCCESS : AuditEvent.Outcome.FAILURE,
                report.detail() + (probed.opened() ? ": " + probed.videoCodec() + " " + probed.width() + "x" + probed.height() : ""));
        return report;
    }

    /**
     * Adds a camera from its ONVIF device address: the stream of its first media profile is
     * recorded, its smallest other profile becomes its sub-stream, and its PTZ node can be steered
     * through the VMS. Over HTTPS the device's
     * certificate must come from a trusted camera CA for its host or be the one the request
     * approves ({@code deviceCertificateSha256}); otherwise the request is refused with the
     * fingerprint presented, audited, and nothing was sent to the device. An approved certificate
     * is pinned for ONVIF and, when the stream is RTSPS on the same host, for the stream too (one
     * approval per camera; a stream with another certificate then asks for its own).
     */
    public CameraView addFromOnvif(NewOnvifCamera request) {
        access.require(AccessRight.MANAGE_CAMERAS);
        String deviceUrl = required(request.deviceUrl(), "deviceUrl").trim();
        if (!deviceUrl.matches("https?://[^\\s@]+") || deviceUrl.length() > 1024) {
            throw new InvalidRequestException("deviceUrl must be an http(s) address without credentials");
        }
        URI device = URI.create(deviceUrl);
        if ("http".equals(device.getScheme()) && !Boolean.TRUE.equals(request.acceptInsecureTransport())) {
            throw new InvalidRequestException(CameraRegistry.PLAIN_TRANSPORT);
        }
        AddressPolicy.current().require("deviceUrl", device.getHost(), device.getPort() >= 0 ? device.getPort()
                : "https".equals(device.getScheme()) ? 443 : 80);
        byte[] offered = request.deviceCertificateSha256() == null || request.deviceCertificateSha256().isBlank() ? null
                : sha256(request.deviceCertificateSha256());
        boolean[] pinnedByRequest = new boolean[1];
        Predicate<X509Certificate[]> trust = chain -> {
            if (trustedCas.issuerOf(chain, device.getHost()) != null) {
                return true;
            }
            pinnedByRequest[0] = offered != null && MessageDigest.isEqual(offered, fingerprint(chain[0]));
            return pinnedByRequest[0];
        };
        OnvifClient onvif;
        try {
            onvif = new OnvifClient(deviceUrl, required(request.username(), "username"), required(request.password(), "password"),
                    trust).connect();
        } catch (UntrustedDeviceException e) {
            throw refused(deviceUrl, e, offered == null ? "camera.onvif.certificate.unapproved" : "camera.certificate.mismatch");
        }
        String profile = onvif.firstProfile();
        NewCamera stream = new NewCamera(request.name(), request.site(), onvif.streamUri(profile), request.username(),
                request.password(), request.acceptInsecureTransport());
        CameraView view = add(stream);
        Camera camera = em.find(Camera.class, view.id());
        byte[] pin = pinnedByRequest[0] ? offered : null;
        camera.onvif(deviceUrl, profile, pin);
        if (pin != null) {
            audit.record(caller(), "camera.onvif.certificate.approved", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS,
                    HexFormat.of().formatHex(pin));
            if (camera.getStreamUrl().startsWith("rtsps://") && device.getHost().equalsIgnoreCase(URI.create(camera.getStreamUrl()).getHost())) {
                camera.pin(pin); // the same approval: the recorder connects once it sees the same certificate on the stream
            }
        }
        registry.settleTransport(camera, stream, caller());
        takeSubStream(onvif, profile, camera);
        return CameraView.of(camera);
    }

    /**
     * The smallest other media profile of an ONVIF camera becomes its sub-stream when its stream
     * is on the main stream's endpoint ({@link SubStreamRule}); otherwise the camera has none
     * (an administrator may enter one). Audited.
     */
    private void takeSubStream(OnvifClient onvif, String mainProfile, Camera camera) {
        List<OnvifClient.Profile> profiles = onvif.profiles();
        int mainWidth = profiles.stream().filter(p -> p.token().equals(mainProfile)).mapToInt(OnvifClient.Profile::width)
                .findFirst().orElse(0);
        Optional<OnvifClient.Profile> smallest = profiles.stream()
                .filter(p -> !p.token().equals(mainProfile) && p.width() > 0 && (mainWidth == 0 || p.width() < mainWidth))
                .min(Comparator.comparingInt(OnvifClient.Profile::width));
        if (smallest.isEmpty()) {
            return;
        }
        String url = onvif.streamUri(smallest.get().token());
        if (SubStreamRule.problem(camera.getStreamUrl(), url) != null) {
            return;
        }
        camera.subStream(url);
        audit.record(caller(), "camera.substream", "camera:" + camera.getId(), AuditEvent.Outcome.SUCCESS,
                url + " (ONVIF profile " + smallest.get().token() + ", " + smallest.get().width() + " wide)");
    }

    /** Audits a refused device certificate and says what was presented (nothing was sent to it). */
    private UntrustedCameraCertificateException refused(String target, UntrustedDeviceException e, String action) {
        String presented = HexFormat.of().formatHex(fingerprint(e.presented()));
        String message = "the ONVIF device presented certificate SHA-256 " + presented + ", which is neither approved nor from a "
                + "trusted camera CA for its host: compare it with the camera's own, then approve it (no credentials were sent)";
        audit.record(caller(), action, target, AuditEvent.Outcome.REJECTED, "presented " + presented);
        return new UntrustedCameraCertificateException(message, presented);
    }

    private static byte[] fingerprint(X509Certificate certificate) {
        try {
            return CertificateFingerprint.sha256(certificate);
        } catch (IOException e) {
            return new byte[32]; // unreadable: matches no pin
        }
    }

    private static byte[] sha256(String hex) {
        try {
            byte[] bytes = HexFormat.of().parseHex(hex.trim().toLowerCase(Locale.ROOT));
            if (bytes.length == 32) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidRequestException("a certificate SHA-256 is 64 hexadecimal digits");
    }

    /**
     * Lists ONVIF cameras that answer a WS-Discovery probe, for an administrator to add:
     * multicast on the server's network by default, or unicast to {@code hostPort}.
     */
    public List<WsDiscovery.Device> discover(String hostPort) {
        access.require(AccessRight.MANAGE_CAMERAS);
        InetSocketAddress target = WsDiscovery.MULTICAST;
        if (hostPort != null && !hostPort.isBlank()) {
            Matcher m = Pattern.compile("([A-Za-z0-9.:-]{1,253}):(\\d{1,5})").matcher(hostPort.trim());
            if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
                throw new InvalidRequestException("target must be host:port");
            }
            AddressPolicy.current().require("target", m.group(1), Integer.parseInt(m.group(2)));
            target = new InetSocketAddress(m.group(1), Integer.parseInt(m.group(2)));
        }
        List<WsDiscovery.Device> devices =
                WsDiscovery.probe(target, Duration.ofSeconds(2));
        audit.record(caller(), "camera.discovery", String.valueOf(target), AuditEvent.Outcome.SUCCESS,
                devices.size() + " device(s) answered");
        return devices;
    }

    /** A PTZ command for a camera added through ONVIF; audited. */
    public void ptz(long id, PtzCommand command) {
        access.require(AccessRight.PTZ, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null || camera.getOnvifDeviceUrl() == null) {
            throw new InvalidRequestException("camera " + id + " has no ONVIF PTZ");
        }
        if (command == null || command.action() == null) {
            throw new InvalidRequestException("action is required: continuous, stop, absolute or preset");
        }
        ptzArbiter.take(id, caller(), access.ptzPriority(id, camera.getSite()));
        OnvifClient onvif = onvif(camera);
        String profile = camera.getOnvifProfile();
        switch (command.action()) {
            case "continuous" -> onvif.continuousMove(profile, unit(command.pan()), unit(command.tilt()), unit(command.zoom()));
            case "stop" -> onvif.stop(profile);
            case "absolute" -> onvif.absoluteMove(profile, unit(command.pan()), unit(command.tilt()), unit(command.zoom()));
            case "preset" -> onvif.gotoPreset(profile, required(command.preset(), "preset"));
            default -> throw new InvalidRequestException("unknown action " + command.action());
        }
        audit.record(caller(), "camera.ptz", "camera:" + id, AuditEvent.Outcome.SUCCESS, command.toString());
    }

    /** The camera's PTZ presets (PTZ on the camera). */
    public List<OnvifClient.Preset> ptzPresets(long id) {
        access.require(AccessRight.PTZ, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null || camera.getOnvifDeviceUrl() == null) {
            throw new InvalidRequestException("camera " + id + " has no ONVIF PTZ");
        }
        return onvif(camera).presets(camera.getOnvifProfile());
    }

    /** Stores the camera's current position as a preset (PTZ on the camera, under the same arbitration as moving it); audited. */
    public OnvifClient.Preset savePreset(long id, String name) {
        access.require(AccessRight.PTZ, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null || camera.getOnvifDeviceUrl() == null) {
            throw new InvalidRequestException("camera " + id + " has no ONVIF PTZ");
        }
        if (name == null || !CameraRegistry.NAME.matcher(name.trim()).matches() || name.trim().length() > 64) {
            throw new InvalidRequestException("preset name: 1-64 letters, digits, spaces or ._()- only");
        }
        ptzArbiter.take(id, caller(), access.ptzPriority(id, camera.getSite()));
        String token = onvif(camera).setPreset(camera.getOnvifProfile(), name.trim());
        audit.record(caller(), "camera.ptz.preset.saved", "camera:" + id, AuditEvent.Outcome.SUCCESS, name.trim() + " -> " + token);
        return new OnvifClient.Preset(token, name.trim());
    }

    /**
     * A connected client for the camera's ONVIF device, trusting what was approved when it was
     * added: its pinned certificate, else a trusted camera CA for its host. Another certificate
     * is refused before any request and audited as a mismatch.
     */
    private OnvifClient onvif(Camera camera) {
        byte[] pin = camera.onvifPinnedSha256();
        String host = URI.create(camera.getOnvifDeviceUrl()).getHost();
        Predicate<X509Certificate[]> trust = chain -> pin != null ? MessageDigest.isEqual(pin, fingerprint(chain[0]))
                : trustedCas.issuerOf(chain, host) != null;
        try {
            return new OnvifClient(camera.getOnvifDeviceUrl(), camera.getUsername(), camera.password(KeyVault.fromSystemProperty()),
                    trust).connect();
        } catch (UntrustedDeviceException e) {
            throw refused("camera:" + camera.getId(), e, "camera.certificate.mismatch");
        }
    }

    private static double unit(Double value) {
        double v = value == null ? 0 : value;
        if (Double.isNaN(v) || v < -1 || v > 1) {
            throw new InvalidRequestException("pan, tilt and zoom must be within -1..1");
        }
        return v;
    }

    /**
     * An alarm rule's PTZ_PRESET action: the camera goes to the preset unless an operator with a
     * higher or equal priority is steering it (then it stays, and the audit says why). No user is
     * calling: the rule's author held MANAGE_CAMERAS on the camera. Never exposed to a client.
     */
    public void presetForAlarm(long id, String preset, long alarmId) {
        Camera camera = em.find(Camera.class, id);
        if (camera == null || camera.getOnvifDeviceUrl() == null) {
            audit.record("alarm", "camera.ptz", "camera:" + id, AuditEvent.Outcome.FAILURE,
                    "alarm " + alarmId + ": no ONVIF PTZ on this camera");
            return;
        }
        try {
            ptzArbiter.take(id, "alarm", ALARM_PTZ_PRIORITY);
            onvif(camera).gotoPreset(camera.getOnvifProfile(), preset);
            audit.record("alarm", "camera.ptz", "camera:" + id, AuditEvent.Outcome.SUCCESS, "alarm " + alarmId + ": preset " + preset);
        } catch (PtzArbiter.PtzBusyException | UntrustedCameraCertificateException | OnvifException e) {
            audit.record("alarm", "camera.ptz", "camera:" + id, AuditEvent.Outcome.FAILURE,
                    "alarm " + alarmId + ": preset " + preset + " not reached: " + e.getMessage());
        }
    }

    /** An alarm steers with this priority: operators holding PTZ with a higher one keep control. */
    static final int ALARM_PTZ_PRIORITY = 50;

    /** One camera the caller may watch live, for its own page; empty when they may not (it is not even named). */
    public Optional<CameraView> liveCamera(long id) {
        Camera camera = em.find(Camera.class, id);
        if (camera == null || !access.allowed(access.caller(), AccessRight.VIEW_LIVE, id, camera.getSite())) {
            return Optional.empty();
        }
        return Optional.of(CameraView.of(camera));
    }

    /** Whether the caller may steer the camera (the console shows the PTZ pad only then; {@link #ptz} checks again). */
    public boolean mayControlPtz(long id) {
        Camera camera = em.find(Camera.class, id);
        return camera != null && camera.getOnvifDeviceUrl() != null
                && access.allowed(access.caller(), AccessRight.PTZ, id, camera.getSite());
    }

    /** The cameras the caller may watch live (the live grid shows these and no others). */
    public List<CameraView> liveCameras() {
        return access.camerasWithAny(em.createQuery("SELECT c FROM Camera c WHERE c.enabled = true ORDER BY c.name",
                Camera.class).getResultList(), EnumSet.of(AccessRight.VIEW_LIVE)).stream().map(CameraView::of).toList();
    }

    /** The cameras the caller holds any right on; others are not even named. */
    public List<CameraView> list() {
        return withRecorders(access.camerasWithAny(em.createQuery("SELECT c FROM Camera c ORDER BY c.name", Camera.class).getResultList(),
                EnumSet.allOf(AccessRight.class)).stream().map(CameraView::of).toList());
    }

    /**
     * One page of the cameras the caller may manage, filtered and sorted as asked (for the
     * administrator's table; others are not even named).
     */
    public CameraTable.Page page(CameraQuery query) {
        return CameraTable.page(managed(), query);
    }

    /** One camera as its administrator edits it (MANAGE_CAMERAS on it). */
    public CameraView managed(long id) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        return withRecorder(CameraView.of(camera), ownerBook.ownerOf(id).orElse(null), ownerBook.liveNodes());
    }

    /** The sites of the cameras the caller may manage, each with how many are there. */
    public Map<String, Long> sites() {
        return CameraTable.sites(managed());
    }

    private List<CameraView> managed() {
        return withRecorders(access.camerasWithAny(em.createQuery("SELECT c FROM Camera c", Camera.class).getResultList(),
                EnumSet.of(AccessRight.MANAGE_CAMERAS)).stream().map(CameraView::of).toList());
    }

    /** The cameras with the recorder node that owns each, and whether that node is down. */
    private List<CameraView> withRecorders(List<CameraView> views) {
        Map<Long, String> owners = ownerBook.owners();
        Set<String> live = ownerBook.liveNodes();
        return views.stream().map(v -> withRecorder(v, owners.get(v.id()), live)).toList();
    }

    private static CameraView withRecorder(CameraView view, String owner, Set<String> liveNodes) {
        return view.withRecorder(owner, owner != null && !liveNodes.contains(owner));
    }

    /**
     * Adds a camera ({@code id} null) or changes one, with how it records and how long its
     * recordings are kept, its sub-stream (null: none) and the recorder node it is pinned to
     * (null: any), all or nothing: a refused part stores none of it. The recording plan, the
     * keep-time, the sub-stream and the pin are changed (and audited) only when they differ from
     * the camera's.
     */
    public CameraView save(Long id, NewCamera camera, RecordingPlan plan, long keepSeconds, String subStreamUrl, String recorderPin) {
        CameraView saved = id == null ? add(camera) : update(id, camera);
        if (!Objects.equals(subStreamUrl, saved.subStreamUrl())) {
            saved = setSubStream(saved.id(), subStreamUrl);
        }
        if (!Objects.equals(recorderPin, saved.recorderPin())) {
            saved = pinRecorder(saved.id(), recorderPin);
        }
        if (plan != null && !plan.sameAs(RecordingPlan.of(saved))) {
            saved = setRecordingMode(saved.id(), plan.mode(), plan.schedule(), plan.timeZone(), plan.preSeconds(), plan.postSeconds());
        }
        if (keepSeconds != saved.retentionMaxAgeSeconds()) {
            saved = setRetention(saved.id(), keepSeconds);
        }
        return saved;
    }

    /**
     * Sets the camera's sub-stream, or removes it ({@code url} null or blank): a second, smaller
     * stream of the camera on its main stream's endpoint ({@link SubStreamRule}; elsewhere: 400).
     * Live tiles too small for the main stream and analytics take it; the main stream alone is
     * recorded. Audited; the recorder picks it up at once.
     */
    public CameraView setSubStream(long id, String url) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        String wanted = url == null || url.isBlank() ? null : validUrl(url.trim(), "subStreamUrl");
        String problem = wanted == null ? null : SubStreamRule.problem(camera.getStreamUrl(), wanted);
        if (problem != null) {
            throw new InvalidRequestException(problem);
        }
        camera.subStream(wanted);
        audit.record(caller(), "camera.substream", "camera:" + id, AuditEvent.Outcome.SUCCESS, wanted == null ? "removed" : wanted);
        if (camera.isEnabled()) {
            sender.send(ServiceIdentity.MANAGEMENT, Destinations.CAMERA_COMMANDS, CameraCommand.TYPE,
                    new CameraCommand(id, CameraCommand.START_RECORDING, caller()));
        }
        return CameraView.of(camera);
    }

    /**
     * Pins the camera to one recorder node ({@code node} a node name, as its {@code vigil.node.id}),
     * or unpins it ({@code node} null or blank). Pinned, the camera is recorded by that node alone:
     * the management server moves it there within a second, handed over when its owner is alive,
     * and while that node is down nobody records it. The node need not have joined yet. Audited.
     */
    public CameraView pinRecorder(long id, String node) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        String pin = null;
        if (node != null && !node.isBlank()) {
            try {
                pin = new NodeName(node.trim()).value();
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("node: " + e.getMessage());
            }
        }
        camera.pinTo(pin);
        audit.record(caller(), "camera.pinned", "camera:" + id, AuditEvent.Outcome.SUCCESS, pin == null ? "any recorder node" : pin);
        return CameraView.of(camera);
    }

    public CameraView setEnabled(long id, boolean enabled) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        if (camera.isEnabled() == enabled) {
            // as asked already: a recording camera keeps its status and session, and nothing changed to audit
            return CameraView.of(camera);
        }
        camera.setEnabled(enabled);
        camera.changeStatus(enabled ? CameraStatus.NEW : CameraStatus.DISABLED, enabled ? null : "disabled by " + caller(),
                clock.instant());
        audit.record(caller(), enabled ? "camera.enabled" : "camera.disabled", "camera:" + id, AuditEvent.Outcome.SUCCESS, null);
        // delivered when this transaction commits: the recorder acts on the committed state
        sender.send(ServiceIdentity.MANAGEMENT, Destinations.CAMERA_COMMANDS,
                CameraCommand.TYPE, new CameraCommand(id,
                        enabled ? CameraCommand.START_RECORDING
                                : CameraCommand.STOP_RECORDING, caller()));
        return CameraView.of(camera);
    }

    /**
     * Approves the certificate an RTSPS camera presented (the administrator compares the
     * fingerprint with the camera's own) and pins it; recording starts at the next attempt.
     */
    public CameraView approveCertificate(long id, String sha256Hex) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        byte[] presented = camera.tlsPresentedSha256();
        byte[] approved;
        try {
            approved = HexFormat.of().parseHex(sha256Hex == null ? "" : sha256Hex.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("sha256 must be 64 hexadecimal digits");
        }
        if (presented == null || !Arrays.equals(presented, approved)) {
            throw new InvalidRequestException("that is not the certificate the camera presents");
        }
        camera.pin(approved);
        camera.changeStatus(CameraStatus.NEW, "certificate approved", clock.instant());
        audit.record(caller(), "camera.certificate.approved", "camera:" + id, AuditEvent.Outcome.SUCCESS, sha256Hex);
        return CameraView.of(camera);
    }

    /**
     * How the camera records: CONTINUOUS; SCHEDULED by a weekly timetable in a time zone; or
     * EVENT, keeping {@code preSeconds} before and {@code postSeconds} after each analytics event.
     * The recorder always writes (live view and analytics need the stream, and the pre-buffer can
     * only exist that way); retention deletes within a minute what the mode does not keep.
     */
    public CameraView setRecordingMode(long id, String mode, String schedule, String timeZone, int preSeconds, int postSeconds) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        String wanted = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT);
        if (!List.of("CONTINUOUS", "SCHEDULED", "EVENT").contains(wanted)) {
            throw new InvalidRequestException("mode must be CONTINUOUS, SCHEDULED or EVENT");
        }
        if (preSeconds < 0 || preSeconds > 300 || postSeconds < 0 || postSeconds > 3600) {
            throw new InvalidRequestException("pre-buffer 0..300 s, post-buffer 0..3600 s");
        }
        String zone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.trim();
        if ("SCHEDULED".equals(wanted)) {
            try {
                RecordingSchedule.parse(schedule, zone);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("schedule: " + e.getMessage());
            }
        }
        camera.setRecording(wanted, "SCHEDULED".equals(wanted) ? schedule.trim() : null, "SCHEDULED".equals(wanted) ? zone : null,
                preSeconds, postSeconds);
        audit.record(caller(), "camera.recording.mode", "camera:" + id, AuditEvent.Outcome.SUCCESS, wanted
                + ("SCHEDULED".equals(wanted) ? " " + schedule.trim() + " (" + zone + ")" : "")
                + ("EVENT".equals(wanted) ? " pre " + preSeconds + " s, post " + postSeconds + " s" : ""));
        return CameraView.of(camera);
    }

    /** Sets how long the camera's recordings are kept (seconds; evidence locks override it). */
    public CameraView setRetention(long id, long maxAgeSeconds) {
        access.require(AccessRight.MANAGE_CAMERAS, id);
        Camera camera = em.find(Camera.class, id);
        if (camera == null) {
            throw new InvalidRequestException("no camera " + id);
        }
        if (maxAgeSeconds < 1 || maxAgeSeconds > 3650L * 86400) {
            throw new InvalidRequestException("maxAgeSeconds must be between 1 and 3650 days");
        }
        camera.setRetentionMaxAgeSeconds(maxAgeSeconds);
        audit.record(caller(), "camera.retention", "camera:" + id, AuditEvent.Outcome.SUCCESS, maxAgeSeconds + " s");
        return CameraView.of(camera);
    }

    private String caller() {
        return session.getCallerPrincipal().getName();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is required");
        }
        return value;
    }

    /**
     * rtsp:// or rtsps:// with a host, no credentials inside (they go to their own fields), at an
     * address the {@link AddressPolicy} allows.
     */
    static String validUrl(String url) {
        return validUrl(url, "streamUrl");
    }

    /** As {@link #validUrl(String)}, naming the field {@code field} in a refusal. */
    static String validUrl(String url, String field) {
        if (url.length() > 1024) {
            throw new InvalidRequestException(field + " longer than 1024 characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException(field + " is not a URL: " + e.getReason());
        }
        if (!"rtsp".equals(uri.getScheme()) && !"rtsps".equals(uri.getScheme())) {
            throw new InvalidRequestException(field + " must start with rtsp:// or rtsps://");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new InvalidRequestException(field + " needs a host and no credentials (use username/password)");
        }
        if (url.chars().anyMatch(ch -> ch < 0x21 || ch == 0x7f)) {
            throw new InvalidRequestException(field + " contains spaces or control characters");
        }
        AddressPolicy.current().require(field, uri.getHost(), uri.getPort() >= 0 ? uri.getPort()
                : "rtsps".equals(uri.getScheme()) ? 322 : 554);
        return url;
    }
}
