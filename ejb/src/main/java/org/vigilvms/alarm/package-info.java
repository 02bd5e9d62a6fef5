/**
 * Alarms (X.1453 F7): rules turn events into alarms with a priority and actions; an alarm goes
 * New -> Acknowledged -> Closed, each step by a named operator with a time and comment, all
 * audited; unacknowledged alarms escalate; operators see and handle only alarms of cameras they
 * may watch or play back, in the API and in the console's live alarm list.
 */
package org.vigilvms.alarm;
