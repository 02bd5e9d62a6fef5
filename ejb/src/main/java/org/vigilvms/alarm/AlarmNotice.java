package org.vigilvms.alarm;

/** Fired when an alarm was raised or changed; delivered to consoles once the change committed. */
public record AlarmNotice(AlarmView alarm, boolean sound) {
}
