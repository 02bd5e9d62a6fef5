package org.vigilvms.platform;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Vigil's meters in a registry that outlives the deployment. WildFly keeps one registry for the
 * server and hands each deployment a view of it; an EAR deployed again meets the meters its earlier
 * deployment registered, and the registry's methods return those instead of registering anew. A
 * counter handed back still counts, but a gauge or function counter keeps reading the old
 * deployment's object (NaN once it is collected). So gauges and function counters replace any
 * meter of their name and tags, and the deployment removes all of its meters when it stops
 * ({@link #removeAll}, from {@code MeterCleanup}). Meters are registered through the registry's own
 * methods, not Micrometer's builders: WildFly exports only what those methods register.
 */
public final class Meters {

    /** Every meter of Vigil is named {@code vigil.*} (Prometheus: {@code vigil_*}). */
    public static final String PREFIX = "vigil.";

    private Meters() {
    }

    /** A gauge reading {@code value} of {@code state}; {@code state} is held weakly by the registry. */
    public static <T> void gauge(MeterRegistry registry, String name, Tags tags, T state, ToDoubleFunction<T> value) {
        removeStale(registry, name, tags);
        registry.gauge(name, tags, state, value);
    }

    /** A counter whose count {@code value} of {@code state} keeps; {@code state} is held weakly. */
    public static <T> void functionCounter(MeterRegistry registry, String name, Tags tags, T state, ToDoubleFunction<T> value) {
        removeStale(registry, name, tags);
        registry.more().counter(name, tags, state, value);
    }

    /** Removes every meter of Vigil the registry shows; returns how many. */
    public static int removeAll(MeterRegistry registry) {
        List<Meter> ours = registry.getMeters().stream().filter(m -> m.getId().getName().startsWith(PREFIX)).toList();
        ours.forEach(registry::remove);
        return ours.size();
    }

    private static void removeStale(MeterRegistry registry, String name, Tags tags) {
        registry.find(name).tags(tags).meters().forEach(registry::remove);
    }
}
