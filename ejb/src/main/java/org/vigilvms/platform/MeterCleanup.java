package org.vigilvms.platform;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Takes the deployment's meters off the metrics endpoint when the deployment stops, so that an
 * undeployed Vigil exports nothing and a redeployed one starts from its own readings. The beans that
 * register meters depend on this one ({@code @DependsOn("MeterCleanup")}): the container stops them
 * first, so none registers after the cleanup.
 */
@PermitAll // lifecycle only
@Singleton
@Startup
public class MeterCleanup {

    @Inject
    private MeterRegistry registry;

    @PreDestroy
    void removeMeters() {
        Meters.removeAll(registry);
    }
}
