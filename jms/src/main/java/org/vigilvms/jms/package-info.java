/**
 * The message contract of the Vigil backbone: destination names, the services allowed to use
 * them, the message records and the signed envelope every message travels in.
 *
 * <p>Shared by producers and consumers, in the server and on remote nodes. Nothing else belongs
 * here: no persistence, no JMS resources, no business logic.
 */
package org.vigilvms.jms;
