package org.vigilvms.api;

import jakarta.ejb.EJBAccessException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.vigilvms.camera.InvalidCameraException;

/** Clear 4xx answers for refused requests; never a stack trace. */
public final class ApiErrors {

    private ApiErrors() {
    }

    static Response badRequest(String message) {
        return Response.status(400).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    /** Invalid input: 400 with the reason. */
    @Provider
    public static class InvalidCamera implements ExceptionMapper<InvalidCameraException> {
        @Override
        public Response toResponse(InvalidCameraException e) {
            return badRequest(e.getMessage());
        }
    }

    /** The camera did not answer as ONVIF should: 502 with the reason. */
    @Provider
    public static class OnvifFailed implements ExceptionMapper<org.vigilvms.camera.onvif.OnvifException> {
        @Override
        public Response toResponse(org.vigilvms.camera.onvif.OnvifException e) {
            return Response.status(502).type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage())).build();
        }
    }

    /** The EJB layer refused the caller: 403. */
    @Provider
    public static class AccessDenied implements ExceptionMapper<EJBAccessException> {
        @Override
        public Response toResponse(EJBAccessException e) {
            return Response.status(403).type(MediaType.APPLICATION_JSON).entity(Map.of("error", "not allowed")).build();
        }
    }
}
