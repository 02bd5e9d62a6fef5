/** REST API, versioned under /api/v1. Resources only translate HTTP to service calls. */
package org.vigilvms.api;
