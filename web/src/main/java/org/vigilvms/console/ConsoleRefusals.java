package org.vigilvms.console;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import java.util.function.Supplier;
import org.vigilvms.approval.ApprovalRequiredException;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.RefusedRequestException;
import org.vigilvms.security.AccessDeniedException;

/**
 * A request the console's pages sent to a service and the service refused: audited as the API's
 * refusals are ({@code request.rejected}, the page and action as target, the reason given), and
 * told on the page next to the field it is about, or for the whole page.
 */
@ApplicationScoped
public class ConsoleRefusals {

    @EJB
    private AuditLog audit;

    /**
     * Calls a service for {@code action} and tells what it answered: its result; a change held for
     * a second person's approval (not a refusal); or "refused: " and the reason, the request being
     * invalid (audited here) or not allowed (the service audited it).
     */
    public String attempt(String action, Supplier<String> call) {
        try {
            return call.get();
        } catch (ApprovalRequiredException e) {
            return e.getMessage();
        } catch (InvalidRequestException e) {
            audit(action, e.getMessage());
            return ConsoleTexts.refused(e.getMessage());
        } catch (AccessDeniedException e) {
            FacesContext.getCurrentInstance().validationFailed();
            return ConsoleTexts.refused(e.getMessage());
        }
    }

    /** Audits the refusal of {@code action} on this page and shows {@code text} at {@code clientId} (null: the page). */
    public void refused(String action, String reason, String clientId, String text) {
        audit(action, reason);
        show(clientId, text);
    }

    /**
     * Shows a service's refusal {@code text} at {@code clientId}; audits it as this page's refusal
     * of {@code action} unless the service kept an audit row of its own ({@link RefusedRequestException}).
     */
    public void refused(String action, InvalidRequestException refusal, String clientId, String text) {
        if (refusal instanceof RefusedRequestException) {
            FacesContext.getCurrentInstance().validationFailed();
            show(clientId, text);
        } else {
            refused(action, refusal.getMessage(), clientId, text);
        }
    }

    private static void show(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    }

    /** Audits the refusal of {@code action} on this page; the page tells it in its own way. */
    public void audit(String action, String reason) {
        FacesContext context = FacesContext.getCurrentInstance();
        String who = context.getExternalContext().getRemoteUser();
        audit.record(who == null ? "anonymous" : who, "request.rejected",
                "console " + context.getViewRoot().getViewId() + " " + action, AuditEvent.Outcome.REJECTED, reason);
        context.validationFailed();
    }
}
