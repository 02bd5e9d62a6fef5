package org.vigilvms.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.directory.DirectoryService;
import org.vigilvms.directory.DirectoryUnavailableException;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.rights.GrantService;
import org.vigilvms.security.AccessGrant;
import org.vigilvms.security.AccessRight;
import org.vigilvms.security.LoginGuard;

/**
 * The users and rights page: the directory's users and groups found by a search, a user's groups
 * and effective rights with where each comes from, an account disabled or enabled in Vigil, and
 * the grants (to a directory group, a user or a local role, on all cameras or one), granted with
 * the name suggested from the directory as it is typed, and revoked. {@link DirectoryService},
 * {@link GrantService} and {@link LoginGuard} decide (MANAGE_USERS); with four eyes on, a change
 * waits for a second person and the page says so; a refusal is shown as the service words it and
 * audited.
 */
@Named
@ViewScoped
public class DirectoryView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Pattern CAMERA_SCOPE = Pattern.compile("camera (\\d+)");
    private static final int SUGGESTIONS = 12;

    @EJB
    private DirectoryService directory;

    @EJB
    private GrantService grants;

    @EJB
    private LoginGuard accounts;

    @EJB
    private CameraService cameras;

    @Inject
    private ConsoleRefusals refusals;

    private Map<Long, String> cameraNames = new HashMap<>();
    private List<CameraView> grantableCameras = List.of();

    private String query;
    private List<DirectoryService.DirectoryUser> users = List.of();
    private List<DirectoryService.DirectoryGroup> groups = List.of();
    private String searchOutcome;
    private DirectoryService.UserRights rights;

    private AccessGrant.SubjectKind kind = AccessGrant.SubjectKind.GROUP;
    private String subject;
    private AccessRight right = AccessRight.VIEW_LIVE;
    private Long cameraId;
    private int ptzPriority;
    private String grantOutcome;

    @PostConstruct
    void start() {
        grantableCameras = cameras.list();
        grantableCameras.forEach(c -> cameraNames.put(c.id(), c.name()));
    }

    /** Users and groups whose name contains what was typed. */
    public void search() {
        searchOutcome = attempt("search", () -> {
            users = directory.users(query);
            groups = directory.groups(query);
            return ConsoleTexts.format("directory.found", users.size(), groups.size());
        });
    }

    /** Shows a user's groups and effective rights. */
    public void showRights(String id) {
        searchOutcome = attempt("rights of " + id, () -> {
            rights = directory.rightsOf(id);
            return searchOutcome;
        });
    }

    /** Disables (or enables again) an account in Vigil; its sessions end at their next request. */
    public void setDisabled(String id, boolean disabled) {
        searchOutcome = attempt(disabled ? "disable account" : "enable account", () -> {
            accounts.setDisabled(id, disabled);
            users = directory.users(query);
            return ConsoleTexts.format(disabled ? "directory.disabled" : "directory.enabled", id);
        });
    }

    /** Puts a group's name into the grant form. */
    public void grantTo(String group) {
        kind = AccessGrant.SubjectKind.GROUP;
        subject = group;
    }

    /** Names the grant form suggests as they are typed: the directory's groups or users (nothing to suggest for roles). */
    public List<String> subjects(String typed) {
        if (typed == null || typed.isBlank() || kind == AccessGrant.SubjectKind.ROLE) {
            return List.of();
        }
        try {
            return (kind == AccessGrant.SubjectKind.GROUP
                    ? directory.groups(typed).stream().map(DirectoryService.DirectoryGroup::name)
                    : directory.users(typed).stream().map(DirectoryService.DirectoryUser::id)).limit(SUGGESTIONS).toList();
        } catch (DirectoryUnavailableException | InvalidRequestException e) {
            return List.of(); // the field still takes a typed name; the grant says what is wrong
        }
    }

    public List<GrantService.GrantView> getGrants() {
        return grants.list();
    }

    public void grant() {
        grantOutcome = attempt("grant", () -> {
            GrantService.GrantView granted = grants.grant(new GrantService.GrantView(null, kind, subject, right, cameraId, null,
                    ptzPriority, null));
            return ConsoleTexts.format("directory.granted", granted.right(), granted.subject());
        });
    }

    public void revoke(long grantId) {
        grantOutcome = attempt("revoke grant", () -> {
            grants.revoke(grantId);
            return ConsoleTexts.current().getString("directory.revoked");
        });
    }

    /** What a grant is on: a camera by its name, a site, or all cameras. */
    public String scope(GrantService.GrantView grant) {
        ResourceBundle texts = ConsoleTexts.current();
        if (grant.cameraId() != null) {
            return cameraNames.getOrDefault(grant.cameraId(), texts.getString("directory.camera") + " " + grant.cameraId());
        }
        return grant.site() != null ? texts.getString("directory.site") + " " + grant.site() : texts.getString("directory.allCameras");
    }

    /** An effective right's scope with the camera's name ("camera 7" -> "dock (camera 7)"). */
    public String named(String scope) {
        Matcher m = CAMERA_SCOPE.matcher(scope == null ? "" : scope);
        return m.matches() && cameraNames.containsKey(Long.parseLong(m.group(1)))
                ? cameraNames.get(Long.parseLong(m.group(1))) + " (" + scope + ")" : scope;
    }

    /** What the service answered ({@link ConsoleRefusals#attempt}); a directory that does not answer is told too. */
    private String attempt(String action, Supplier<String> call) {
        try {
            return refusals.attempt(action, call);
        } catch (DirectoryUnavailableException e) {
            FacesContext.getCurrentInstance().validationFailed();
            return ConsoleTexts.refused(e.getMessage());
        }
    }

    public AccessGrant.SubjectKind[] getKinds() {
        return AccessGrant.SubjectKind.values();
    }

    public AccessRight[] getRightChoices() {
        return AccessRight.values();
    }

    /** The shown user's groups, as one line. */
    public String getRightsGroups() {
        return rights == null ? "" : String.join(", ", rights.groups());
    }

    public List<CameraView> getGrantableCameras() {
        return grantableCameras;
    }

    public List<DirectoryService.DirectoryUser> getUsers() {
        return users;
    }

    public List<DirectoryService.DirectoryGroup> getGroups() {
        return groups;
    }

    public String getSearchOutcome() {
        return searchOutcome;
    }

    public DirectoryService.UserRights getRights() {
        return rights;
    }

    public String getGrantOutcome() {
        return grantOutcome;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public AccessGrant.SubjectKind getKind() {
        return kind;
    }

    public void setKind(AccessGrant.SubjectKind kind) {
        this.kind = kind;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public AccessRight getRight() {
        return right;
    }

    public void setRight(AccessRight right) {
        this.right = right;
    }

    public Long getCameraId() {
        return cameraId;
    }

    public void setCameraId(Long cameraId) {
        this.cameraId = cameraId;
    }

    public int getPtzPriority() {
        return ptzPriority;
    }

    public void setPtzPriority(int ptzPriority) {
        this.ptzPriority = ptzPriority;
    }
}
