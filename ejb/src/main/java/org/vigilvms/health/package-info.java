/**
 * Liveness of the services (signed heartbeats over the backbone), the health report of the
 * server (database, broker, storage, video libraries, camera transports) and its history: each
 * change of a check's status on a node, kept by {@code HealthWatch}. Details are for those who
 * run the system; anyone may know only up or down.
 */
package org.vigilvms.health;
