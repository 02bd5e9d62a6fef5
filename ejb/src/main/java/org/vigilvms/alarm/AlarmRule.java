package org.vigilvms.alarm;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;

/** Event type + cameras + schedule -> alarm with a priority and actions. */
@Entity
@Table(name = "alarm_rule")
public class AlarmRule {

    public enum Action { NOTIFY, LOCK_RECORDING, PTZ_PRESET, WEBHOOK, EMAIL }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 128)
    private String name;

    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    /** Comma-separated camera ids; null: every camera. */
    @Column(name = "camera_ids", length = 2048)
    private String cameraIds;

    /** ISO days of week the rule is armed ("12345" = Monday to Friday). */
    @Column(nullable = false, length = 7)
    private String days;

    @Column(name = "from_minute", nullable = false)
    private int fromMinute;

    @Column(name = "to_minute", nullable = false)
    private int toMinute;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(nullable = false)
    private int priority;

    @Column(name = "escalate_after_s")
    private Integer escalateAfterS;

    @Column(nullable = false, length = 256)
    private String actions;

    @Column(name = "ptz_preset", length = 64)
    private String ptzPreset;

    /** The receiver of the WEBHOOK action. */
    @Column(name = "webhook_id")
    private Long webhookId;

    /** The recipients of the EMAIL action: comma-separated addresses. */
    @Column(name = "email_to", length = 1024)
    private String emailTo;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_ts", nullable = false)
    private Instant createdTs;

    protected AlarmRule() {
    }

    AlarmRule(String name, String eventType, List<Long> cameras, String days, int fromMinute, int toMinute, String timeZone,
              int priority, Integer escalateAfterS, List<Action> actions, String ptzPreset, Long webhookId, String emailTo,
              String createdBy, Instant createdTs) {
        this.ptzPreset = ptzPreset;
        this.webhookId = webhookId;
        this.emailTo = emailTo;
        this.name = name;
        this.eventType = eventType;
        this.cameraIds = cameras == null || cameras.isEmpty() ? null : String.join(",", cameras.stream().map(String::valueOf).toList());
        this.days = days;
        this.fromMinute = fromMinute;
        this.toMinute = toMinute;
        this.timeZone = timeZone;
        this.priority = priority;
        this.escalateAfterS = escalateAfterS;
        this.actions = String.join(",", actions.stream().map(Enum::name).toList());
        this.createdBy = createdBy;
        this.createdTs = createdTs;
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getPriority() {
        return priority;
    }

    public String getPtzPreset() {
        return ptzPreset;
    }

    public Long getWebhookId() {
        return webhookId;
    }

    public String getEmailTo() {
        return emailTo;
    }

    public Integer getEscalateAfterS() {
        return escalateAfterS;
    }

    public List<Long> cameras() {
        return cameraIds == null ? null : Arrays.stream(cameraIds.split(",")).map(Long::valueOf).toList();
    }

    public List<Action> actions() {
        return actions.isEmpty() ? List.of() : Arrays.stream(actions.split(",")).map(Action::valueOf).toList();
    }

    void disable() {
        enabled = false;
    }

    /** Whether an event of this type, on this camera, at this time, raises this rule's alarm. */
    boolean matches(String type, long cameraId, Instant at) {
        if (!enabled || !eventType.equals(type)) {
            return false;
        }
        List<Long> cameras = cameras();
        if (cameras != null && !cameras.contains(cameraId)) {
            return false;
        }
        ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
        DayOfWeek day = local.getDayOfWeek();
        int minute = local.getHour() * 60 + local.getMinute();
        boolean inWindow = fromMinute <= toMinute ? minute >= fromMinute && minute < toMinute
                : minute >= fromMinute || minute < toMinute; // a night window across midnight
        return days.indexOf((char) ('0' + day.getValue())) >= 0 && inWindow;
    }

    public RuleView view() {
        return new RuleView(id, name, eventType, cameras(), days, fromMinute, toMinute, timeZone, priority, escalateAfterS,
                actions(), ptzPreset, webhookId, emailTo, enabled);
    }

    /** A rule as the API shows it and takes it. */
    public record RuleView(Long id, String name, String eventType, List<Long> cameras, String days, Integer fromMinute,
                           Integer toMinute, String timeZone, Integer priority, Integer escalateAfterS, List<Action> actions,
                           String ptzPreset, Long webhookId, String emailTo, Boolean enabled) {
    }
}
