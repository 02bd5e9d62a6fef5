/**
 * Device authentication (X.1453 ): the internal CA issues certificates to enrolled
 * devices from their certificate signing requests; administrators list and revoke them; HTTPS
 * clients are checked against the list when device certificates are required.
 */
package org.vigilvms.device;
