/**
 * Notifications that leave the VMS when an alarm is raised: webhooks to HTTPS receivers, each
 * body signed with the receiver's own secret, written with the alarm and delivered after its
 * commit with retries and back-off; what never got through is kept for administrators.
 */
package org.vigilvms.notification;
