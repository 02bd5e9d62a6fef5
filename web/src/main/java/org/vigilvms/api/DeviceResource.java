package org.vigilvms.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.vigilvms.device.DeviceCertificate;
import org.vigilvms.device.DeviceCertificateService;

/** {@code /api/v1/devices}: device certificates (enrol by CSR, list, revoke); MANAGE_USERS checked by the service. */
@Path("/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    /** An enrolment: the device's name, what it is, and its PEM PKCS#10 request. */
    public record Enrolment(String name, DeviceCertificate.Kind kind, String csr) {
    }

    /** Why a certificate is revoked. */
    public record Revocation(String reason) {
    }

    @Inject
    private DeviceCertificateService devices;

    @GET
    public List<DeviceCertificateService.DeviceView> list() {
        return devices.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrol(Enrolment body) {
        if (body == null) {
            return ApiErrors.badRequest("a JSON body with name, kind and csr is required");
        }
        return Response.status(201).entity(devices.enrol(body.name(), body.kind(), body.csr())).build();
    }

    @POST
    @Path("/{serial}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public DeviceCertificateService.DeviceView revoke(@PathParam("serial") String serial, Revocation body) {
        return devices.revoke(serial, body == null ? null : body.reason());
    }
}
