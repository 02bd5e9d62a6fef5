/**
 * Management and analytics: the signed configuration analytics works with (zones, privacy
 * masks, sensitivity) and what it reports back, as X.1453 section 6 names them: event metadata
 * (one detection over a time span) and alert metadata (an alert made of several events).
 */
package org.vigilvms.jms.analytics;
