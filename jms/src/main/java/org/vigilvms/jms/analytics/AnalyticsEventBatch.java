package org.vigilvms.jms.analytics;

import java.util.List;

/**
 * Analytics to management: several events under one envelope, so one signature and one
 * transaction carry them all (an analytics node with many cameras reports in batches; each
 * event is admitted or refused on its own, as if sent alone).
 */
public record AnalyticsEventBatch(List<AnalyticsEvent> events) {

    public static final String TYPE = "vigil.AnalyticsEventBatch/1";
    /** More than this in one message is refused whole. */
    public static final int MOST_EVENTS = 500;
}
