package org.vigilvms.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Root of the REST API. */
@ApplicationPath("/api/v1")
public class RestApplication extends Application {
}
