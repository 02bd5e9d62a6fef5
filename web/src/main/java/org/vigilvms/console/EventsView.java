package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.vigilvms.event.EventService;

/**
 * The events page: analytics events of every camera the user may play back, by type, zone and
 * time (the last day unless asked otherwise), a page at a time, each one a link into playback at
 * its start. PLAYBACK is checked by {@link EventService} for every camera.
 */
@Named
@ViewScoped
public class EventsView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private EventService events;

    private String type;
    private String zone;
    private Instant from = Instant.now().minus(Duration.ofDays(1));
    private Instant to;

    private final PagedRows<EventService.Found> rows = new PagedRows<>((first, size) -> {
        EventService.EventPage page = page(first, size);
        return new PagedRows.Page<>(page.events(), page.total());
    }, found -> found.event().eventId());

    private EventService.EventPage page(int first, int size) {
        Instant until = to == null ? Instant.now() : to;
        return events.page(PagedRows.typed(type), PagedRows.typed(zone), from == null ? until.minus(Duration.ofDays(1)) : from, until, first, size);
    }

    public PagedRows<EventService.Found> getRows() {
        return rows;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public Instant getFrom() {
        return from;
    }

    public void setFrom(Instant from) {
        this.from = from;
    }

    public Instant getTo() {
        return to;
    }

    public void setTo(Instant to) {
        this.to = to;
    }
}
