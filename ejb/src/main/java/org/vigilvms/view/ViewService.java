package org.vigilvms.view;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.platform.RefusedRequestException;
import org.vigilvms.security.AccessControl;

/**
 * Saved live views: saved only with cameras the caller may watch live, and opened showing only
 * those the one who opens it may (a tile without that right is empty and not named). A view is
 * its owner's, who may share it with one directory group they belong to: the group's members
 * list and open it, and only the owner replaces or deletes it. Saving, sharing and deleting are
 * audited, and so is a refused share.
 */
@PermitAll // a view is its owner's; camera rights through CameraService.liveCameras
@Stateless
public class ViewService {

    /** A view as the console shows it: tiles in order, null for an empty (or not allowed) tile. */
    public record ViewLayout(long id, String name, int layout, String owner, String sharedWith, List<CameraView> tiles) {
    }

    /** A view in a list: its name, size, owner and the group it is shared with (null: none). */
    public record ViewSummary(long id, String name, int layout, String owner, String sharedWith) {

        static ViewSummary of(SavedView view) {
            return new ViewSummary(view.getId(), view.getName(), view.getLayout(), view.getOwner(), view.getSharedWith());
        }
    }

    static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._()-]{1,100}");

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private AccessControl access;

    @Inject
    private CameraService cameras;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    /** The caller's own views, then those shared with a group of theirs, each by name. */
    public List<ViewSummary> mine() {
        Set<String> groups = access.caller().ldapGroups();
        return em.createQuery("""
                        SELECT v FROM SavedView v WHERE v.owner = :o OR (v.sharedWith IS NOT NULL AND v.sharedWith IN :g)
                         ORDER BY CASE WHEN v.owner = :o THEN 0 ELSE 1 END, v.name, v.owner""", SavedView.class)
                .setParameter("o", owner()).setParameter("g", groups.isEmpty() ? Set.of("") : groups).getResultList().stream()
                .map(ViewSummary::of).toList();
    }

    /** The groups the caller may share a view with: their own directory groups, by name. */
    public List<String> shareableGroups() {
        return access.caller().ldapGroups().stream().sorted().toList();
    }

    /** Saves (or replaces, by name) one of the caller's views, private. */
    public ViewSummary save(String name, int layout, List<Long> cameraIds) {
        return save(name, layout, cameraIds, null);
    }

    /**
     * Saves (or replaces, by name) one of the caller's views, shared with {@code sharedWith} (one
     * of the caller's directory groups; null or blank: private).
     */
    public ViewSummary save(String name, int layout, List<Long> cameraIds, String sharedWith) {
        String trimmed = name == null ? "" : name.trim();
        if (!NAME.matcher(trimmed).matches()) {
            throw new InvalidRequestException("name: 1-100 letters, digits, spaces or ._()- only");
        }
        if (layout < 1 || layout > 4) {
            throw new InvalidRequestException("layout must be 1, 2, 3 or 4 (tiles per side)");
        }
        List<Long> tiles = cameraIds == null ? List.of() : cameraIds.stream().map(id -> id == null ? 0L : id).toList();
        if (tiles.size() > layout * layout) {
            throw new InvalidRequestException("a " + layout + "x" + layout + " view has at most " + layout * layout + " tiles");
        }
        String group = sharedWith == null || sharedWith.isBlank() ? null : sharedWith.trim();
        if (group != null && !access.caller().ldapGroups().contains(group)) {
            audit.record(owner(), "view.shared", "view:" + trimmed, AuditEvent.Outcome.REJECTED, "not a group of the owner: " + group);
            throw new RefusedRequestException("sharedWith: a view can be shared only with a directory group you belong to");
        }
        Map<Long, CameraView> watchable = watchable();
        for (Long id : tiles) {
            if (id != 0 && !watchable.containsKey(id)) {
                // the same answer whether the camera exists or not: its existence is not told
                audit.record(owner(), "view.saved", "view:" + trimmed, AuditEvent.Outcome.REJECTED, "camera " + id + " not watchable");
                throw new RefusedRequestException("camera " + id + " is not one you may watch live");
            }
        }
        List<SavedView> existing = em.createQuery("SELECT v FROM SavedView v WHERE v.owner = :o AND v.name = :n", SavedView.class)
                .setParameter("o", owner()).setParameter("n", trimmed).getResultList();
        SavedView view = existing.isEmpty() ? new SavedView(owner(), trimmed) : existing.get(0);
        String sharedBefore = view.getSharedWith();
        view.set(layout, tiles, group, clock.instant());
        if (existing.isEmpty()) {
            if (em.createQuery("SELECT count(v) FROM SavedView v WHERE v.owner = :o", Long.class)
                    .setParameter("o", owner()).getSingleResult() >= MAX_VIEWS) {
                throw new InvalidRequestException("at most " + MAX_VIEWS + " saved views per user");
            }
            em.persist(view);
            em.flush();
        }
        audit.record(owner(), "view.saved", "view:" + view.getId(), AuditEvent.Outcome.SUCCESS,
                trimmed + " " + layout + "x" + layout + " " + tiles);
        if (!Objects.equals(sharedBefore, group)) {
            audit.record(owner(), "view.shared", "view:" + view.getId(), AuditEvent.Outcome.SUCCESS,
                    group == null ? "no longer shared (was " + sharedBefore + ")" : "with group " + group);
        }
        return ViewSummary.of(view);
    }

    static final int MAX_VIEWS = 100;

    /**
     * One of the caller's views, or one shared with a group of theirs, with the tiles they may
     * watch; any other view is "no such view" (not even its name is told).
     */
    public ViewLayout open(long id) {
        SavedView view = em.find(SavedView.class, id);
        if (view == null || !view.getOwner().equals(owner())
                && (view.getSharedWith() == null || !access.caller().ldapGroups().contains(view.getSharedWith()))) {
            throw new InvalidRequestException("no saved view " + id);
        }
        Map<Long, CameraView> watchable = watchable();
        List<CameraView> tiles = new ArrayList<>();
        for (Long camera : view.cameras()) {
            tiles.add(watchable.get(camera));
        }
        return new ViewLayout(view.getId(), view.getName(), view.getLayout(), view.getOwner(), view.getSharedWith(), tiles);
    }

    public void delete(long id) {
        SavedView view = own(id);
        em.remove(view);
        audit.record(owner(), "view.deleted", "view:" + id, AuditEvent.Outcome.SUCCESS, view.getName());
    }

    private SavedView own(long id) {
        SavedView view = em.find(SavedView.class, id);
        if (view == null || !view.getOwner().equals(owner())) {
            throw new InvalidRequestException("no saved view " + id);
        }
        return view;
    }

    private Map<Long, CameraView> watchable() {
        return cameras.liveCameras().stream().collect(Collectors.toMap(CameraView::id, Function.identity()));
    }

    private String owner() {
        return access.caller().name();
    }
}
