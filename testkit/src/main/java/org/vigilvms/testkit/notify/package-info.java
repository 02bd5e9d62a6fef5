/**
 * Receivers of what the VMS sends out when an alarm is raised: an HTTPS webhook receiver, and an
 * SMTP server (Debian's aiosmtpd) that requires STARTTLS and AUTH.
 */
package org.vigilvms.testkit.notify;
