package org.vigilvms.event;

/**
 * Fired (CDI, synchronously, in the storing transaction) for every analytics event stored, so that
 * whoever reacts to events (the alarm rules) observes them without the event service knowing them.
 */
public record EventStored(StoredEvent event) {
}
