/**
 * The server side of the JMS backbone: each in-server service's signing key, sending signed
 * messages as a service identity, and admitting incoming messages only after the envelope
 * verifies (signature, destination, freshness, replay). Rejections are logged and audited.
 */
package org.vigilvms.messaging;
