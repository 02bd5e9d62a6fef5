/** Liveness messages every service sends to the management service. */
package org.vigilvms.jms.heartbeat;
