/**
 * Liveness of the services (signed heartbeats over the backbone) and the health report of the
 * server: database, broker and storage.
 */
package org.vigilvms.health;
