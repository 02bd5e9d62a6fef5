package org.vigilvms.camera;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.vigilvms.platform.InvalidRequestException;

/**
 * Filters, sorts and pages cameras for a table, and counts them per site for the site tree.
 * Pure: the rights were applied before (only cameras the caller may manage reach it), and
 * thousands of cameras take a few milliseconds in memory.
 */
public final class CameraTable {

    /** One page of cameras and how many match in all. */
    public record Page(List<CameraView> rows, long total) {
    }

    private CameraTable() {
    }

    /** The page {@code query} asks for; a page outside 0.. or of more than {@link CameraQuery#MOST_ROWS} is refused. */
    public static Page page(List<CameraView> cameras, CameraQuery query) {
        if (query.first() < 0 || query.size() < 1 || query.size() > CameraQuery.MOST_ROWS) {
            throw new InvalidRequestException("a page starts at 0 or later and holds 1.." + CameraQuery.MOST_ROWS + " cameras");
        }
        List<CameraView> matching = cameras.stream()
                .filter(c -> contains(c.name(), query.name()) && contains(c.site(), query.site())
                        && contains(c.streamUrl(), query.stream()) && (query.health() == null || health(c) == query.health())
                        && (query.atSite() == null || query.atSite().equalsIgnoreCase(c.site())))
                .sorted(order(query.sort() == null ? CameraQuery.Sort.NAME : query.sort(), query.descending()))
                .toList();
        int from = Math.min(query.first(), matching.size());
        return new Page(matching.subList(from, Math.min(matching.size(), from + query.size())), matching.size());
    }

    /** Each site with how many of the cameras are there, by site name. */
    public static Map<String, Long> sites(List<CameraView> cameras) {
        Map<String, Long> sites = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        cameras.forEach(c -> sites.merge(c.site(), 1L, Long::sum));
        return sites;
    }

    /**
     * A camera's health as a table shows it: a disabled camera is DISABLED whatever the recorder
     * last saw, and an enabled one whose recorder node is down RECORDER_DOWN.
     */
    public static CameraStatus health(CameraView camera) {
        return !camera.enabled() ? CameraStatus.DISABLED : camera.recorderDown() ? CameraStatus.RECORDER_DOWN : camera.status();
    }

    private static boolean contains(String value, String wanted) {
        return wanted == null || wanted.isBlank()
                || value != null && value.toLowerCase(Locale.ROOT).contains(wanted.strip().toLowerCase(Locale.ROOT));
    }

    private static Comparator<CameraView> order(CameraQuery.Sort sort, boolean descending) {
        Comparator<CameraView> primary = switch (sort) {
            case NAME -> text(CameraView::name);
            case SITE -> text(CameraView::site);
            case STREAM -> text(CameraView::streamUrl);
            case HEALTH -> Comparator.comparing(CameraTable::health);
            case SINCE -> Comparator.comparing(CameraView::statusSince, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()));
        };
        // ties always in the same order (by name, then id) so that pages neither repeat nor skip a camera
        Comparator<CameraView> whole = primary.thenComparing(text(CameraView::name)).thenComparingLong(CameraView::id);
        return descending ? whole.reversed() : whole;
    }

    private static Comparator<CameraView> text(Function<CameraView, String> field) {
        return Comparator.comparing(field, Comparator.nullsFirst(String.CASE_INSENSITIVE_ORDER));
    }
}
