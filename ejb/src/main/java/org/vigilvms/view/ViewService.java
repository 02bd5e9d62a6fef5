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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.camera.CameraService;
import org.vigilvms.camera.CameraView;
import org.vigilvms.platform.InvalidRequestException;
import org.vigilvms.security.AccessControl;

/**
 * Saved live views, each the caller's own: saved only with cameras the caller may watch live,
 * and opened showing only those they still may (a tile whose right is gone is empty and not
 * named). Saving and deleting are audited.
 */
@PermitAll // a view is its owner's; camera rights through CameraService.liveCameras
@Stateless
public class ViewService {

    /** A view as the console shows it: tiles in order, null for an empty (or no longer allowed) tile. */
    public record ViewLayout(long id, String name, int layout, List<CameraView> tiles) {
    }

    /** A view in a list: its name and size. */
    public record ViewSummary(long id, String name, int layout) {
    }

    static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[\\p{L}\\p{N} ._()-]{1,100}");

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

    public List<ViewSummary> mine() {
        return em.createQuery("SELECT v FROM SavedView v WHERE v.owner = :o ORDER BY v.name", SavedView.class)
                .setParameter("o", owner()).getResultList().stream()
                .map(v -> new ViewSummary(v.getId(), v.getName(), v.getLayout())).toList();
    }

    /** Saves (or replaces, by name) one of the caller's views. */
    public ViewSummary save(String name, int layout, List<Long> cameraIds) {
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
        Map<Long, CameraView> watchable = watchable();
        for (Long id : tiles) {
            if (id != 0 && !watchable.containsKey(id)) {
                // the same answer whether the camera exists or not: its existence is not told
                audit.record(owner(), "view.saved", "view:" + trimmed, AuditEvent.Outcome.REJECTED, "camera " + id + " not watchable");
                throw new InvalidRequestException("camera " + id + " is not one you may watch live");
            }
        }
        List<SavedView> existing = em.createQuery("SELECT v FROM SavedView v WHERE v.owner = :o AND v.name = :n", SavedView.class)
                .setParameter("o", owner()).setParameter("n", trimmed).getResultList();
        SavedView view = existing.isEmpty() ? new SavedView(owner(), trimmed) : existing.get(0);
        view.set(layout, tiles, clock.instant());
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
        return new ViewSummary(view.getId(), view.getName(), view.getLayout());
    }

    static final int MAX_VIEWS = 100;

    /** One of the caller's views; another user's view is "no such view" (not even its name is told). */
    public ViewLayout open(long id) {
        SavedView view = own(id);
        Map<Long, CameraView> watchable = watchable();
        List<CameraView> tiles = new ArrayList<>();
        for (Long camera : view.cameras()) {
            tiles.add(watchable.get(camera));
        }
        return new ViewLayout(view.getId(), view.getName(), view.getLayout(), tiles);
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
