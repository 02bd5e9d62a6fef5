/**
 * The server side of the JMS backbone: each in-server service's signing key, sending signed
 * messages as a service identity, and admitting incoming messages only after the envelope
 * verifies (signature, destination, freshness, replay). Rejections are logged and audited. A busy
 * queue can be drained in batches, many messages to one transaction ({@link org.vigilvms.messaging.QueueDrain},
 * paced by {@link org.vigilvms.messaging.DrainPace}). The
 * keys of services on other nodes are enrolled and revoked by an administrator, with proof of
 * possession ({@link org.vigilvms.messaging.ProducerEnrolment}).
 */
package org.vigilvms.messaging;
