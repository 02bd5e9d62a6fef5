package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.primefaces.PrimeFaces;
import org.vigilvms.alarm.AlarmService;
import org.vigilvms.alarm.AlarmView;

/**
 * The alarm list: the open alarms the user may see ({@link AlarmService} decides), shown again
 * whenever the alarm socket pushes a change; acknowledged or closed in a dialog with a comment
 * (closing needs one: what was found, what was done).
 */
@Named
@ViewScoped
public class AlarmsView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How long before its event an alarm's playback starts. */
    private static final long PLAYBACK_LEAD_SECONDS = 5;

    @EJB
    private AlarmService alarms;

    @Inject
    private ConsoleRefusals refusals;

    private List<AlarmView> open;
    private AlarmView handling;
    private boolean closing;
    private String comment;
    private String outcome;

    @PostConstruct
    public void refresh() {
        open = alarms.list(false);
    }

    public List<AlarmView> getOpen() {
        return open;
    }

    /** Where the camera's playback of an alarm starts: a little before its event. */
    public String jumpAt(AlarmView alarm) {
        return alarm.eventAt().minusSeconds(PLAYBACK_LEAD_SECONDS).toString();
    }

    /** Opens the dialog to acknowledge ({@code close} false) or close an alarm of the list. */
    public void startHandling(long alarmId, boolean close) {
        refresh();
        handling = open.stream().filter(a -> a.id() == alarmId).findFirst().orElse(null);
        closing = close;
        comment = null;
        outcome = handling == null ? ConsoleTexts.current().getString("alarms.gone") : null;
    }

    /** Acknowledges or closes the alarm the dialog is about, with its comment; the dialog closes when the service took it. */
    public void handle() {
        if (handling == null) {
            return;
        }
        String action = closing ? "close alarm" : "acknowledge alarm";
        if (closing && (comment == null || comment.isBlank())) {
            String text = ConsoleTexts.current().getString("alarms.closeNeedsComment");
            refusals.refused(action, text, "handle-form:comment", text);
            return;
        }
        boolean[] taken = new boolean[1];
        outcome = refusals.attempt(action, () -> {
            AlarmView changed = closing ? alarms.close(handling.id(), comment) : alarms.acknowledge(handling.id(), comment);
            taken[0] = true;
            return changed.state();
        });
        if (taken[0]) {
            refresh();
            PrimeFaces.current().ajax().addCallbackParam("handled", true);
        }
    }

    public AlarmView getHandling() {
        return handling;
    }

    public boolean isClosing() {
        return closing;
    }

    public String getComment() {
        return comment;
    }

    public void setComment(String comment) {
        this.comment = comment;
    }

    public String getOutcome() {
        return outcome;
    }
}
