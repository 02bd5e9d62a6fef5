package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.primefaces.PrimeFaces;
import org.vigilvms.alarm.AlarmRule;
import org.vigilvms.alarm.AlarmService;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.notification.WebhookReceiver;
import org.vigilvms.notification.WebhookService;

/**
 * The alarm rules page: the rules as they stand (what raises them, where, when, at which
 * priority, what they do) and a dialog to write one; a rule is disabled, never deleted (alarms
 * name it). {@link AlarmService} decides (MANAGE_CAMERAS); what the page can tell before asking
 * it (a window that is no clock time, no day, closing with no comment) is told next to its field
 * and audited like the service's refusals.
 */
@Named
@ViewScoped
public class AlarmRulesView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A rule as its row shows it. */
    public record RuleRow(AlarmRule.RuleView rule, String cameras, String armed, String actions, String receiver) {
    }

    /** A choice of the dialog: its value and how it reads. */
    public record Choice(String value, String label) {
    }

    @EJB
    private AlarmService alarms;

    @EJB
    private CameraService cameraService;

    @EJB
    private WebhookService webhooks;

    @Inject
    private ConsoleRefusals refusals;

    @Inject
    private ConsoleLook look;

    private List<RuleRow> rows;
    private List<CameraView> cameraChoices;
    private String outcome;

    private String name;
    private String eventType;
    private List<Long> cameras;
    private List<String> days;
    private String from;
    private String to;
    private String zone;
    private Integer priority;
    private Integer escalateAfter;
    private List<String> actions;
    private String ptzPreset;
    private Long webhookId;
    private String emailTo;
    private String dialogOutcome;

    @PostConstruct
    void load() {
        cameraChoices = cameraService.list();
        Map<Long, String> cameraNames = cameraChoices.stream().collect(Collectors.toMap(CameraView::id, CameraView::name));
        Map<Long, String> receivers = webhooks.receivers().stream()
                .collect(Collectors.toMap(WebhookReceiver.View::id, WebhookReceiver.View::name));
        Locale language = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        rows = alarms.rules().stream().map(rule -> new RuleRow(rule,
                rule.cameras() == null ? ConsoleTexts.current().getString("rules.allCameras")
                        : rule.cameras().stream().map(id -> cameraNames.getOrDefault(id, "#" + id)).collect(Collectors.joining(", ")),
                RuleWindow.describe(rule.days(), language) + " " + RuleWindow.clock(rule.fromMinute()) + "–"
                        + RuleWindow.clock(rule.toMinute()) + " " + rule.timeZone(),
                rule.actions().stream().map(a -> ConsoleTexts.current().getString("rules.action." + a.name()))
                        .collect(Collectors.joining(", ")),
                rule.webhookId() == null ? null : receivers.getOrDefault(rule.webhookId(), "#" + rule.webhookId()))).toList();
    }

    public List<RuleRow> getRows() {
        return rows;
    }

    public String getOutcome() {
        return outcome;
    }

    /** Clears the dialog for a new rule: motion, every camera, every day, all day, in the user's zone, priority 3, a notice. */
    public void startNew() {
        name = null;
        eventType = AnalyticsEvent.TYPES.get(0);
        cameras = new ArrayList<>();
        days = Arrays.stream(DayOfWeek.values()).map(d -> String.valueOf(d.getValue())).collect(Collectors.toList());
        from = RuleWindow.clock(0);
        to = RuleWindow.clock(1440);
        zone = look.getZoneName();
        priority = 3;
        escalateAfter = null;
        actions = new ArrayList<>(List.of(AlarmRule.Action.NOTIFY.name()));
        ptzPreset = null;
        webhookId = null;
        emailTo = null;
        dialogOutcome = null;
    }

    /** Writes the rule as the dialog holds it; the dialog closes when the service took it. */
    public void create() {
        Optional<Integer> fromMinute = RuleWindow.minute(from);
        Optional<Integer> toMinute = RuleWindow.minute(to);
        if (fromMinute.isEmpty()) {
            fieldRefused("from", "rules.noClockTime", from);
        }
        if (toMinute.isEmpty()) {
            fieldRefused("to", "rules.noClockTime", to);
        }
        if (days == null || days.isEmpty()) {
            fieldRefused("days", "rules.noDay", "");
        }
        if (fromMinute.isEmpty() || toMinute.isEmpty() || days == null || days.isEmpty()) {
            return;
        }
        List<AlarmRule.Action> chosen = actions == null ? List.of() : actions.stream().map(AlarmRule.Action::valueOf).toList();
        AlarmRule.RuleView rule = new AlarmRule.RuleView(null, name, eventType, cameras == null || cameras.isEmpty() ? null : cameras,
                RuleWindow.digits(days.stream().map(d -> DayOfWeek.of(Integer.parseInt(d))).toList()), fromMinute.get(), toMinute.get(),
                zone == null || zone.isBlank() ? "UTC" : zone.strip(), priority, escalateAfter, chosen,
                chosen.contains(AlarmRule.Action.PTZ_PRESET) ? blankToNull(ptzPreset) : null,
                chosen.contains(AlarmRule.Action.WEBHOOK) ? webhookId : null,
                chosen.contains(AlarmRule.Action.EMAIL) ? blankToNull(emailTo) : null, null);
        boolean[] taken = new boolean[1];
        dialogOutcome = refusals.attempt("create alarm rule", () -> {
            AlarmRule.RuleView created = alarms.createRule(rule);
            taken[0] = true;
            return ConsoleTexts.format("rules.created", created.name());
        });
        if (taken[0]) {
            outcome = dialogOutcome;
            load();
            PrimeFaces.current().ajax().addCallbackParam("saved", true);
        }
    }

    /** Disables a rule: it raises no alarm from now on; its alarms stay as they are. */
    public void disable(long ruleId, String ruleName) {
        outcome = refusals.attempt("disable alarm rule", () -> {
            alarms.disableRule(ruleId);
            return ConsoleTexts.format("rules.disabled", ruleName);
        });
        load();
    }

    private void fieldRefused(String field, String key, String typed) {
        String text = ConsoleTexts.format(key, typed == null ? "" : typed);
        refusals.refused("create alarm rule", text, "rule-form:" + field, text);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public List<String> getEventTypes() {
        return AnalyticsEvent.TYPES;
    }

    /** The cameras a rule may name: those the page listed when it opened (asked once, not at every render). */
    public List<CameraView> getCameraChoices() {
        return cameraChoices;
    }

    public List<Choice> getDayChoices() {
        Locale language = FacesContext.getCurrentInstance().getViewRoot().getLocale();
        return Arrays.stream(DayOfWeek.values())
                .map(d -> new Choice(String.valueOf(d.getValue()), d.getDisplayName(TextStyle.SHORT, language))).toList();
    }

    public List<String> getActionChoices() {
        return Arrays.stream(AlarmRule.Action.values()).map(Enum::name).toList();
    }

    public List<WebhookReceiver.View> getReceivers() {
        return webhooks.receivers().stream().filter(WebhookReceiver.View::enabled).toList();
    }

    public List<String> zones(String typed) {
        return ZoneChoices.matching(typed);
    }

    public boolean acts(String action) {
        return actions != null && actions.contains(action);
    }

    public String getDialogOutcome() {
        return dialogOutcome;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEventType() {
        return eventType;
    }

    public void setEventType(String eventType) {
        this.eventType = eventType;
    }

    public List<Long> getCameras() {
        return cameras;
    }

    public void setCameras(List<Long> cameras) {
        this.cameras = cameras;
    }

    public List<String> getDays() {
        return days;
    }

    public void setDays(List<String> days) {
        this.days = days;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getZone() {
        return zone;
    }

    public void setZone(String zone) {
        this.zone = zone;
    }

    public Integer getPriority() {
        return priority;
    }

    public void setPriority(Integer priority) {
        this.priority = priority;
    }

    public Integer getEscalateAfter() {
        return escalateAfter;
    }

    public void setEscalateAfter(Integer escalateAfter) {
        this.escalateAfter = escalateAfter;
    }

    public List<String> getActions() {
        return actions;
    }

    public void setActions(List<String> actions) {
        this.actions = actions;
    }

    public String getPtzPreset() {
        return ptzPreset;
    }

    public void setPtzPreset(String ptzPreset) {
        this.ptzPreset = ptzPreset;
    }

    public Long getWebhookId() {
        return webhookId;
    }

    public void setWebhookId(Long webhookId) {
        this.webhookId = webhookId;
    }

    public String getEmailTo() {
        return emailTo;
    }

    public void setEmailTo(String emailTo) {
        this.emailTo = emailTo;
    }
}
