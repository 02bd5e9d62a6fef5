package org.vigilvms.alarm;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.Camera;
import org.vigilvms.camera.CameraService;
import org.vigilvms.event.EventStored;
import org.vigilvms.event.StoredEvent;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.notification.AlarmMail;
import org.vigilvms.notification.MailService;
import org.vigilvms.notification.WebhookService;
import org.vigilvms.platform.AfterCompletion;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.security.AccessControl;
import org.vigilvms.security.AccessDeniedException;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.Caller;
import org.vigilvms.storage.RetentionService;

/**
 * Rules, alarms and their lifecycle. Rules need MANAGE_CAMERAS (on each camera they name, or for
 * all cameras); an alarm is seen and handled by whoever may watch or play back its camera;
 * acknowledging and closing name the operator, the time and a comment, and are audited.
 */
@PermitAll // authorization per call through AccessControl
@Stateless
public class AlarmService {

    @Inject
    private NodeRoles roles;

    static final Duration LOCK_BEFORE = Duration.ofSeconds(30);
    static final Duration LOCK_AFTER = Duration.ofSeconds(60);

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @Inject
    private RetentionService retention;

    @Inject
    private Event<AlarmNotice> notices;

    @Inject
    private CameraService cameras;

    @Inject
    private WebhookService webhooks;

    @Inject
    private MailService mail;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    @Resource
    private ManagedExecutorService executor;

    public AlarmRule.RuleView createRule(AlarmRule.RuleView request) {
        if (request == null || request.name() == null || request.name().isBlank() || request.name().length() > 128) {
            throw new InvalidRequestException("a rule needs a name of at most 128 characters");
        }
        if (request.cameras() == null || request.cameras().isEmpty()) {
            access.require(AccessRight.MANAGE_CAMERAS);
        } else {
            request.cameras().forEach(c -> access.require(AccessRight.MANAGE_CAMERAS, c));
        }
        if (!AnalyticsEvent.TYPES.contains(request.eventType())) {
            throw new InvalidRequestException("eventType is one of " + AnalyticsEvent.TYPES);
        }
        String days = request.days() == null ? "1234567" : request.days();
        if (!days.matches("[1-7]{1,7}")) {
            throw new InvalidRequestException("days are ISO days of week 1 (Monday) .. 7, e.g. \"12345\"");
        }
        int from = request.fromMinute() == null ? 0 : request.fromMinute();
        int to = request.toMinute() == null ? 1440 : request.toMinute();
        if (from < 0 || from > 1440 || to < 0 || to > 1440 || from == to) {
            throw new InvalidRequestException("fromMinute and toMinute are minutes of the day 0..1440, not equal");
        }
        String zone = request.timeZone() == null ? "UTC" : request.timeZone();
        try {
            ZoneId.of(zone);
        } catch (RuntimeException e) {
            throw new InvalidRequestException("unknown time zone " + zone);
        }
        int priority = request.priority() == null ? 3 : request.priority();
        if (priority < 1 || priority > 5) {
            throw new InvalidRequestException("priority is 1 (low) .. 5 (critical)");
        }
        if (request.escalateAfterS() != null && (request.escalateAfterS() < 5 || request.escalateAfterS() > 86_400)) {
            throw new InvalidRequestException("escalateAfterS is 5 .. 86400 seconds");
        }
        List<AlarmRule.Action> actions = request.actions() == null ? List.of(AlarmRule.Action.NOTIFY) : request.actions();
        String preset = request.ptzPreset();
        if (actions.contains(AlarmRule.Action.PTZ_PRESET) != (preset != null)
                || (preset != null && !preset.matches("[A-Za-z0-9_-]{1,64}"))) {
            throw new InvalidRequestException("the PTZ_PRESET action needs ptzPreset (letters, digits, _ and -), and only it");
        }
        if (actions.contains(AlarmRule.Action.WEBHOOK) != (request.webhookId() != null)) {
            throw new InvalidRequestException("the WEBHOOK action needs webhookId (a receiver), and only it");
        }
        if (request.webhookId() != null) {
            webhooks.requireReceiver(request.webhookId());
        }
        if (actions.contains(AlarmRule.Action.EMAIL) != (request.emailTo() != null)) {
            throw new InvalidRequestException("the EMAIL action needs emailTo (addresses), and only it");
        }
        String emailTo = request.emailTo() == null ? null : mail.requireRecipients(request.emailTo());
        AlarmRule rule = new AlarmRule(request.name().strip(), request.eventType(), request.cameras(), days, from, to, zone,
                priority, request.escalateAfterS(), actions, preset, request.webhookId(), emailTo, access.caller().name(),
                clock.instant());
        em.persist(rule);
        audit.record(access.caller().name(), "alarm.rule.created", "rule:" + rule.getId(), AuditEvent.Outcome.SUCCESS,
                rule.getName() + ": " + request.eventType() + " on " + (request.cameras() == null ? "all cameras" : request.cameras()));
        return rule.view();
    }

    public List<AlarmRule.RuleView> rules() {
        access.require(AccessRight.MANAGE_CAMERAS);
        return em.createQuery("SELECT r FROM AlarmRule r ORDER BY r.id", AlarmRule.class).getResultList().stream()
                .map(AlarmRule::view).toList();
    }

    public void disableRule(long ruleId) {
        AlarmRule rule = em.find(AlarmRule.class, ruleId);
        if (rule == null) {
            throw new InvalidRequestException("no alarm rule " + ruleId);
        }
        if (rule.cameras() == null) {
            access.require(AccessRight.MANAGE_CAMERAS);
        } else {
            rule.cameras().forEach(c -> access.require(AccessRight.MANAGE_CAMERAS, c));
        }
        rule.disable();
        audit.record(access.caller().name(), "alarm.rule.disabled", "rule:" + ruleId, AuditEvent.Outcome.SUCCESS, rule.getName());
    }

    /** Observes every stored event (in its transaction): raises the alarms of the rules it matches. */
    public void raiseFor(@Observes EventStored stored) {
        StoredEvent event = stored.event();
        List<AlarmRule> rules = rulesFor(event.getType());
        for (AlarmRule rule : rules) {
            if (!rule.matches(event.getType(), event.getCameraId(), event.getStartTs())) {
                continue;
            }
            Alarm alarm = new Alarm(rule, event.getCameraId(), event.getEventId(), event.getType(), event.getStartTs(), clock.instant());
            em.persist(alarm);
            em.flush(); // the id, for the audit row and the consoles
            audit.record("alarm", "alarm.raised", "alarm:" + alarm.getId(), AuditEvent.Outcome.SUCCESS,
                    rule.getName() + ": " + event.getType() + " on camera " + event.getCameraId() + " at " + event.getStartTs());
            if (rule.actions().contains(AlarmRule.Action.LOCK_RECORDING)) {
                retention.lockForAlarm(event.getCameraId(), event.getStartTs().minus(LOCK_BEFORE), event.getEndTs().plus(LOCK_AFTER),
                        "alarm " + alarm.getId() + " (" + rule.getName() + ")");
            }
            if (rule.actions().contains(AlarmRule.Action.PTZ_PRESET)) {
                steerAfterCommit(event.getCameraId(), rule.getPtzPreset(), alarm.getId());
            }
            if (rule.actions().contains(AlarmRule.Action.WEBHOOK)) {
                webhooks.enqueue(rule.getWebhookId(), alarm.getId(), webhookBody(alarm, rule, event));
            }
            if (rule.actions().contains(AlarmRule.Action.EMAIL)) {
                mail.enqueue(rule.getEmailTo(), alarm.getId(), AlarmMail.of(alarm.getId(), rule.getName(), rule.getPriority(),
                        event.getType(), event.getCameraId(), cameraName(event.getCameraId()), event.getStartTs(), clock.instant()));
            }
            notices.fire(new AlarmNotice(alarm.view(cameraName(event.getCameraId())), rule.actions().contains(AlarmRule.Action.NOTIFY)));
        }
    }

    private static final Jsonb JSON = JsonbBuilder.create();

    /** What a webhook receiver is told about an alarm: no picture, no credential; enough to act and to look it up. */
    public record WebhookCamera(long id, String name) {
    }

    /** The body of a webhook delivery. */
    public record WebhookBody(long alarm, String rule, int priority, String eventType, WebhookCamera camera, String eventAt,
                       String raisedAt) {
    }

    private String webhookBody(Alarm alarm, AlarmRule rule, StoredEvent event) {
        return JSON.toJson(new WebhookBody(alarm.getId(), rule.getName(), rule.getPriority(), event.getType(),
                new WebhookCamera(event.getCameraId(), cameraName(event.getCameraId())), event.getStartTs().toString(),
                clock.instant().toString()));
    }

    /** Enabled rules of a type, read once per transaction (a batch of events asks for them many times). */
    @SuppressWarnings("unchecked")
    private List<AlarmRule> rulesFor(String type) {
        Map<String, List<AlarmRule>> cached = (Map<String, List<AlarmRule>>) transactions.getResource("vigil.alarm.rules");
        if (cached == null) {
            cached = new HashMap<>();
            transactions.putResource("vigil.alarm.rules", cached);
        }
        return cached.computeIfAbsent(type, t -> em.createQuery(
                "SELECT r FROM AlarmRule r WHERE r.enabled = true AND r.eventType = :t", AlarmRule.class)
                .setParameter("t", t).getResultList());
    }

    /** The camera talks ONVIF over the network: never inside the event's transaction. */
    private void steerAfterCommit(long cameraId, String preset, long alarmId) {
        AfterCompletion.onCommit(transactions,
                () -> executor.execute(() -> cameras.presetForAlarm(cameraId, preset, alarmId)));
    }

    /** Alarms the caller may see (VIEW_LIVE or PLAYBACK on their camera), newest first; open ones only unless {@code all}. */
    public List<AlarmView> list(boolean all) {
        Caller caller = access.caller();
        List<Alarm> alarms = em.createQuery("SELECT a FROM Alarm a WHERE (:all = true OR a.state <> :closed) "
                        + "ORDER BY a.raisedTs DESC", Alarm.class)
                .setParameter("all", all).setParameter("closed", Alarm.State.CLOSED)
                .setMaxResults(500).getResultList();
        Map<Long, Boolean> visible = new HashMap<>();
        return alarms.stream().filter(a -> visible.computeIfAbsent(a.getCameraId(), c -> access.mayWatchOrPlayBack(caller, c)))
                .map(a -> a.view(cameraName(a.getCameraId()))).toList();
    }

    public AlarmView acknowledge(long alarmId, String comment) {
        Alarm alarm = handled(alarmId);
        if (alarm.getState() != Alarm.State.NEW) {
            throw new InvalidRequestException("alarm " + alarmId + " is " + alarm.getState() + ", not NEW");
        }
        alarm.acknowledge(access.caller().name(), clock.instant(), comment(comment, false));
        audit.record(access.caller().name(), "alarm.acknowledged", "alarm:" + alarmId, AuditEvent.Outcome.SUCCESS,
                comment(comment, false));
        return changed(alarm);
    }

    public AlarmView close(long alarmId, String comment) {
        Alarm alarm = handled(alarmId);
        if (alarm.getState() == Alarm.State.CLOSED) {
            throw new InvalidRequestException("alarm " + alarmId + " is closed already");
        }
        alarm.close(access.caller().name(), clock.instant(), comment(comment, true));
        audit.record(access.caller().name(), "alarm.closed", "alarm:" + alarmId, AuditEvent.Outcome.SUCCESS, comment(comment, true));
        return changed(alarm);
    }

    /** Every 10 s: NEW alarms older than their rule allows are escalated once (priority up, consoles told again). */
    @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
    void escalate() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        Instant now = clock.instant();
        List<Alarm> waiting = em.createQuery("SELECT a FROM Alarm a WHERE a.state = :s AND a.escalatedTs IS NULL", Alarm.class)
                .setParameter("s", Alarm.State.NEW).setMaxResults(1000).getResultList();
        for (Alarm alarm : waiting) {
            AlarmRule rule = em.find(AlarmRule.class, alarm.getRuleId());
            if (rule == null || rule.getEscalateAfterS() == null
                    || alarm.getRaisedTs().plusSeconds(rule.getEscalateAfterS()).isAfter(now)) {
                continue;
            }
            alarm.escalate(now);
            audit.record("alarm", "alarm.escalated", "alarm:" + alarm.getId(), AuditEvent.Outcome.SUCCESS,
                    "not acknowledged within " + rule.getEscalateAfterS() + " s");
            notices.fire(new AlarmNotice(alarm.view(cameraName(alarm.getCameraId())), true));
        }
    }

    private Alarm handled(long alarmId) {
        Caller caller = access.caller();
        Alarm alarm = em.find(Alarm.class, alarmId);
        if (alarm == null || !access.mayWatchOrPlayBack(caller, alarm.getCameraId())) {
            audit.record(caller.name(), "access.denied", "alarm:" + alarmId, AuditEvent.Outcome.REJECTED,
                    "lacks VIEW_LIVE and PLAYBACK on the alarm's camera");
            throw new AccessDeniedException(caller.name() + " may not handle alarm " + alarmId);
        }
        return alarm;
    }

    private AlarmView changed(Alarm alarm) {
        AlarmView view = alarm.view(cameraName(alarm.getCameraId()));
        notices.fire(new AlarmNotice(view, false));
        return view;
    }

    private String cameraName(long cameraId) {
        Camera camera = em.find(Camera.class, cameraId);
        return camera == null ? "camera " + cameraId : camera.getName();
    }

    private static String comment(String comment, boolean required) {
        String text = comment == null ? "" : comment.strip();
        if (required && text.isEmpty()) {
            throw new InvalidRequestException("closing an alarm needs a comment (what was found, what was done)");
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }
}
