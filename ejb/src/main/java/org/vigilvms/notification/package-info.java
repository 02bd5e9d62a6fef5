/**
 * Notifications that leave the VMS when an alarm is raised: webhooks to HTTPS receivers, each
 * body signed with the receiver's own secret, and e-mails through the mail subsystem's SMTP
 * session, sent only after STARTTLS to a server whose certificate is checked. Both are written
 * with the alarm and delivered after its commit with retries and back-off; what never got
 * through is kept for administrators.
 */
package org.vigilvms.notification;
