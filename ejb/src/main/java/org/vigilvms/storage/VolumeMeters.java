package org.vigilvms.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigilvms.platform.Meters;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * Each storage volume on the metrics endpoint, refreshed every 10 s: {@code vigil_volume_used_bytes}
 * (Vigil's segments on it), {@code vigil_volume_room_bytes} (what it may still take: free space
 * above its reserve, within its quota) and {@code vigil_volume_days_left} ({@link FillForecast}),
 * tagged {@code volume=<name>}.
 */
@PermitAll // timer only
@Singleton
@Startup
@DependsOn("MeterCleanup")
public class VolumeMeters {

    @Inject
    private NodeRoles roles;

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private StorageVolumes volumes;

    @Inject
    private MeterRegistry registry;

    @Inject
    private Clock clock;

    private static final class Reading {
        private final FillForecast forecast = new FillForecast();
        private volatile long used;
        private volatile long room;
        private volatile double daysLeft = Double.NaN;
    }

    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        if (!roles.has(NodeRole.RECORDER)) {
            return;
        }
        refresh();
    }

    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false, info = "volume metrics")
    void refresh() {
        if (!roles.has(NodeRole.RECORDER)) {
            return;
        }
        long now = clock.millis();
        for (StorageVolume volume : em.createQuery("SELECT v FROM StorageVolume v", StorageVolume.class).getResultList()) {
            Reading reading = readings.computeIfAbsent(volume.getName(), this::register);
            reading.used = volume.getUsedBytes();
            reading.room = volume.roomBytes(volumes.directory(volume).toFile().getUsableSpace());
            reading.forecast.add(now, volume.getUsedBytes());
            reading.daysLeft = reading.forecast.daysLeft(reading.room);
        }
    }

    /** What a volume may still take and how long that lasts at the recent rate, as last measured (empty before the first). */
    public Optional<FillOutlook> outlook(String volume) {
        Reading reading = readings.get(volume);
        return reading == null ? Optional.empty() : Optional.of(FillOutlook.of(reading.room, reading.daysLeft));
    }

    private Reading register(String volume) {
        Reading reading = new Reading();
        Tags tags = Tags.of("volume", volume);
        Meters.gauge(registry, "vigil.volume.used.bytes", tags, reading, r -> r.used);
        Meters.gauge(registry, "vigil.volume.room.bytes", tags, reading, r -> r.room);
        Meters.gauge(registry, "vigil.volume.days.left", tags, reading, r -> r.daysLeft);
        return reading;
    }
}
