/**
 * Receivers of what the VMS sends out when an alarm is raised: an HTTPS webhook receiver.
 */
package org.vigilvms.testkit.notify;
