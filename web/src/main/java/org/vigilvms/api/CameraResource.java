package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.camera.ConnectionReport;
import org.vigilvms.camera.NewCamera;
import org.vigilvms.camera.NewOnvifCamera;
import org.vigilvms.camera.PtzCommand;
import org.vigilvms.camera.TrustedCameraCas;
import org.vigilvms.camera.onvif.OnvifClient;
import org.vigilvms.camera.onvif.WsDiscovery;
import org.vigilvms.live.LiveService;
import org.vigilvms.platform.AnchoredHead;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.storage.IntegrityService;

/** {@code /api/v1/cameras}: camera management; rights are checked by {@link CameraService}. */
@Path("/cameras")
@Produces(MediaType.APPLICATION_JSON)
public class CameraResource {

    @Inject
    private CameraService cameras;

    @Inject
    private IntegrityService integrity;

    @GET
    public List<CameraView> list() {
        return cameras.list();
    }

    @Inject
    private LiveService live;

    /**
     * A ticket to watch the camera live: a wss path with a token valid for 30 s, in this session
     * only. 403 without VIEW_LIVE on the camera.
     */
    @GET
    @Path("/{id}/live")
    public LiveService.LiveTicket live(@PathParam("id") long id,
                                                         @Context HttpServletRequest request) {
        return live.ticket(id, request.getSession().getId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(NewCamera request) {
        if (request == null) {
            return ApiErrors.badRequest("a JSON body with name and streamUrl is required");
        }
        CameraView added = cameras.add(request);
        return Response.created(URI.create("/api/v1/cameras/" + added.id())).entity(added).build();
    }

    /** Changes name, site, stream address, user name; the password only when one is given. */
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView update(@PathParam("id") long id, NewCamera changes) {
        return cameras.update(id, changes);
    }

    /** Tries a stream before adding it: opens it as the recorder would; stores nothing. */
    @POST
    @Path("/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConnectionReport test(NewCamera candidate) {
        return cameras.testConnection(candidate, null);
    }

    /** Tries an existing camera's stream with changed settings (blank password: the stored one). */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    public ConnectionReport testExisting(@PathParam("id") long id, NewCamera candidate) {
        return cameras.testConnection(candidate, id);
    }

    /** How the camera records: CONTINUOUS, SCHEDULED (schedule, timeZone) or EVENT (pre/post buffer in seconds). */
    public record RecordingMode(String mode, String schedule, String timeZone, Integer preBufferSeconds, Integer postBufferSeconds) {
    }

    @POST
    @Path("/{id}/recording-mode")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView setRecordingMode(@PathParam("id") long id, RecordingMode body) {
        if (body == null) {
            throw new InvalidRequestException("mode is required");
        }
        return cameras.setRecordingMode(id, body.mode(), body.schedule(), body.timeZone(),
                body.preBufferSeconds() == null ? 5 : body.preBufferSeconds(), body.postBufferSeconds() == null ? 10 : body.postBufferSeconds());
    }

    @Inject
    private TrustedCameraCas trustedCas;

    /** A CA to trust for camera certificates: a name and its PEM certificate. */
    public record TrustedCa(String name, String pem) {
    }

    @GET
    @Path("/trusted-cas")
    public List<TrustedCameraCas.CaView> trustedCas() {
        return trustedCas.list();
    }

    @POST
    @Path("/trusted-cas")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response trustCa(TrustedCa body) {
        return Response.status(201).entity(trustedCas.add(body == null ? null : body.name(), body == null ? null : body.pem())).build();
    }

    @DELETE
    @Path("/trusted-cas/{caId}")
    public Response removeCa(@PathParam("caId") long caId) {
        trustedCas.remove(caId);
        return Response.noContent().build();
    }

    /** The camera's PTZ presets (PTZ on the camera). */
    @GET
    @Path("/{id}/ptz/presets")
    public List<OnvifClient.Preset> presets(@PathParam("id") long id) {
        return cameras.ptzPresets(id);
    }

    /** A preset to store at the current position: {"name": "..."}. */
    public record NewPreset(String name) {
    }

    @POST
    @Path("/{id}/ptz/presets")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response savePreset(@PathParam("id") long id, NewPreset body) {
        return Response.status(201).entity(cameras.savePreset(id, body == null ? null : body.name())).build();
    }

    /** ONVIF cameras answering a WS-Discovery probe (multicast, or unicast to ?target=host:port). */
    @GET
    @Path("/discovery")
    public List<WsDiscovery.Device> discover(@QueryParam("target") String target) {
        return cameras.discover(target);
    }

    /** Adds a camera by its ONVIF device address: {name, deviceUrl, username, password}. */
    @POST
    @Path("/onvif")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addFromOnvif(NewOnvifCamera request) {
        if (request == null) {
            return ApiErrors.badRequest("a JSON body with name, deviceUrl, username and password is required");
        }
        CameraView added = cameras.addFromOnvif(request);
        return Response.created(URI.create("/api/v1/cameras/" + added.id())).entity(added).build();
    }

    /** PTZ through ONVIF: {action: continuous|stop|absolute|preset, pan, tilt, zoom, preset}. */
    @POST
    @Path("/{id}/ptz")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response ptz(@PathParam("id") long id, PtzCommand command) {
        cameras.ptz(id, command);
        return Response.noContent().build();
    }

    /**
     * Walks the camera's hash chain and names every problem: over all its stored segments, or
     * those between ?from= and ?to= (ISO-8601 instants, either may be left out); against the
     * newest head the SIEM kept too, when ?anchorSeq=&anchorHash=(hex)&anchorSignedAt=&anchorSignature=(Base64) are given.
     */
    @GET
    @Path("/{id}/integrity")
    public Response integrity(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("anchorSeq") Long anchorSeq, @QueryParam("anchorHash") String anchorHash,
                              @QueryParam("anchorSignedAt") String anchorSignedAt, @QueryParam("anchorSignature") String anchorSignature) {
        Instant start;
        Instant end;
        try {
            start = from == null || from.isBlank() ? null : Instant.parse(from);
            end = to == null || to.isBlank() ? null : Instant.parse(to);
        } catch (DateTimeParseException e) {
            return ApiErrors.badRequest("from and to must be ISO-8601 instants, e.g. 2026-11-26T10:00:00Z");
        }
        AnchoredHead anchor;
        try {
            anchor = AnchorParameters.parse(anchorSeq, anchorHash, anchorSignedAt, anchorSignature);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
        return Response.ok(integrity.check(id, start, end, anchor)).build();
    }

    /** Body: {"sha256": "<fingerprint the camera presents>"}; pins it after the admin compared it. */
    @POST
    @Path("/{id}/approve-certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView approveCertificate(@PathParam("id") long id, CertificateApproval approval) {
        return cameras.approveCertificate(id, approval == null ? null : approval.sha256());
    }

    /** An administrator's approval of a camera certificate. */
    public record CertificateApproval(String sha256) {
    }

    /** Body: {"maxAgeSeconds": n}: how long the camera's recordings are kept. */
    @POST
    @Path("/{id}/retention")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView setRetention(@PathParam("id") long id, Retention body) {
        if (body == null) {
            throw new BadRequestException("{\"maxAgeSeconds\": n} is required");
        }
        return cameras.setRetention(id, body.maxAgeSeconds());
    }

    /** A retention change. */
    public record Retention(long maxAgeSeconds) {
    }

    /**
     * Body: {"url": "rtsps://..."}: the camera's sub-stream, on its main stream's endpoint;
     * {"url": null} removes it.
     */
    @POST
    @Path("/{id}/sub-stream")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView setSubStream(@PathParam("id") long id, SubStream body) {
        return cameras.setSubStream(id, body == null ? null : body.url());
    }

    /** A camera's sub-stream address, or null for none. */
    public record SubStream(String url) {
    }

    /**
     * Body: {"node": "vigil-2"}: the camera is recorded by that recorder node alone (while it is
     * down, by none); {"node": null} lets the management server place it on any node.
     */
    @POST
    @Path("/{id}/recorder-pin")
    @Consumes(MediaType.APPLICATION_JSON)
    public CameraView pinRecorder(@PathParam("id") long id, RecorderPin body) {
        return cameras.pinRecorder(id, body == null ? null : body.node());
    }

    /** The recorder node a camera is pinned to, or null for any. */
    public record RecorderPin(String node) {
    }

    @POST
    @Path("/{id}/disable")
    public CameraView disable(@PathParam("id") long id) {
        return cameras.setEnabled(id, false);
    }

    @POST
    @Path("/{id}/enable")
    public CameraView enable(@PathParam("id") long id) {
        return cameras.setEnabled(id, true);
    }
}
