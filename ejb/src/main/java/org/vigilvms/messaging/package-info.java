/**
 * The server side of the JMS backbone: each in-server service's signing key under its name on
 * this node, registered by itself only on the installation's first node and otherwise approved
 * by an administrator ({@link org.vigilvms.messaging.OwnKeyPolicy}); sending signed messages as a
 * service identity; and admitting incoming messages only after the envelope verifies (signature,
 * destination, freshness, replay) and names a service that sends to that destination.
 * Rejections are logged and audited. A busy
 * queue can be drained in batches, many messages to one transaction ({@link org.vigilvms.messaging.QueueDrain},
 * paced by {@link org.vigilvms.messaging.DrainPace}). The
 * keys nodes ask for are approved, keys of services outside the cluster enrolled with proof of
 * possession, and any node's key revoked by an administrator
 * ({@link org.vigilvms.messaging.ProducerEnrolment}).
 */
package org.vigilvms.messaging;
