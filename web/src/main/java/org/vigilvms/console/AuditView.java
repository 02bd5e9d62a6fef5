package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.vigilvms.audit.trail.AuditService;

/**
 * The audit page: the trail filtered by user, action, target (a camera is {@code camera:N}) and
 * time, a page at a time from the database (a lazy table, however long the trail), the chain's
 * verification and the same rows as CSV. READ_AUDIT is checked by {@link AuditService} on every call.
 */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private AuditService audit;

    private String actor;
    private String action;
    private String target;
    private Instant from;
    private Instant to;
    private AuditService.Verification verification;

    private final PagedRows<AuditService.Entry> rows = new PagedRows<>((first, size) -> {
        AuditService.Page page = audit.page(filter(), first, size);
        return new PagedRows.Page<>(page.entries(), page.total());
    }, entry -> Long.toString(entry.id()));

    private AuditService.Filter filter() {
        return new AuditService.Filter(PagedRows.typed(actor), PagedRows.typed(action), PagedRows.typed(target), from, to);
    }

    public PagedRows<AuditService.Entry> getRows() {
        return rows;
    }

    /** Walks the chain now; the page shows the result. */
    public void verify() {
        verification = audit.verify();
    }

    public AuditService.Verification getVerification() {
        return verification;
    }

    /** The CSV of what the filter matches, through the API (same checks, audited there). */
    public String getCsvUrl() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("actor", PagedRows.typed(actor));
        query.put("action", PagedRows.typed(action));
        query.put("target", PagedRows.typed(target));
        query.put("from", from == null ? null : from.toString());
        query.put("to", to == null ? null : to.toString());
        String parameters = query.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return "api/v1/audit/csv" + (parameters.isEmpty() ? "" : "?" + parameters);
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
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
