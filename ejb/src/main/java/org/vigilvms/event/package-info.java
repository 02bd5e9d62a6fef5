/**
 * Events (X.1453 F6): event and alert metadata from analytics, admitted only from analytics
 * producers with valid envelopes, for known cameras and within a per-camera rate; stored for
 * search by camera, time, type and zone, and for motion search in a drawn region. Each stored event is fired
 * as {@code EventStored} for whoever reacts to events.
 */
package org.vigilvms.event;
