/**
 * The signed envelope: sealing on the producer side, verification (signature, destination,
 * freshness, replay) on the consumer side, and its mapping onto JMS messages.
 */
package org.vigilvms.jms.envelope;
