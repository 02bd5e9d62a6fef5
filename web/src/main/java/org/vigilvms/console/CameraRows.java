package org.vigilvms.console;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.vigilvms.camera.CameraQuery;
import org.vigilvms.camera.CameraStatus;
import org.vigilvms.camera.CameraTable;
import org.vigilvms.camera.CameraView;

/**
 * The cameras table, lazily: each page is asked of the camera service with the table's column
 * filters (name, site, stream, health) and sort turned into a {@link CameraQuery}, so the browser
 * never holds more than a page however many cameras there are.
 */
final class CameraRows extends LazyDataModel<CameraRow> {

    private static final long serialVersionUID = 1L;

    /** Where pages come from, and what a row shows (kept with the view: serializable). */
    interface Source extends Serializable {
        CameraTable.Page page(CameraQuery query);

        CameraRow row(CameraView camera);
    }

    private final Source source;
    private String atSite;
    private CameraQuery shownQuery;
    private List<CameraView> shown = List.of();

    CameraRows(Source source) {
        this.source = source;
    }

    /** Only the cameras of this site (from the site tree; null: every site). */
    void atSite(String site) {
        this.atSite = site;
    }

    String atSite() {
        return atSite;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return (int) source.page(query(0, 1, Map.of(), filterBy)).total();
    }

    @Override
    public List<CameraRow> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        shownQuery = query(first, pageSize, sortBy, filterBy);
        CameraTable.Page page = source.page(shownQuery);
        shown = page.rows();
        setRowCount((int) page.total());
        return page.rows().stream().map(source::row).toList();
    }

    /** Whether the page last shown would look different now (a camera's health, name... changed). */
    boolean changed() {
        return shownQuery != null && !source.page(shownQuery).rows().equals(shown);
    }

    @Override
    public String getRowKey(CameraRow row) {
        return String.valueOf(row.getId());
    }

    @Override
    public CameraRow getRowData(String rowKey) {
        return null; // rows are acted on by their buttons, not selected
    }

    private CameraQuery query(int first, int size, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        SortMeta sort = sortBy.values().stream().filter(s -> s.getOrder() != SortOrder.UNSORTED).findFirst().orElse(null);
        CameraQuery.Sort column = sort == null ? CameraQuery.Sort.NAME : sortColumn(sort.getField());
        String health = filter(filterBy, "health");
        return new CameraQuery(filter(filterBy, "name"), filter(filterBy, "site"), filter(filterBy, "stream"),
                health == null ? null : CameraStatus.valueOf(health), atSite, column,
                sort != null && sort.getOrder() == SortOrder.DESCENDING, first, size);
    }

    private static CameraQuery.Sort sortColumn(String field) {
        return switch (field == null ? "" : field) {
            case "site" -> CameraQuery.Sort.SITE;
            case "stream" -> CameraQuery.Sort.STREAM;
            case "health" -> CameraQuery.Sort.HEALTH;
            case "since" -> CameraQuery.Sort.SINCE;
            default -> CameraQuery.Sort.NAME;
        };
    }

    private static String filter(Map<String, FilterMeta> filterBy, String field) {
        FilterMeta meta = filterBy.get(field);
        Object value = meta == null ? null : meta.getFilterValue();
        String text = value == null ? null : value.toString().strip();
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (field.equals("health")) { // only the states there are: anything else filters nothing away
            return Arrays.stream(CameraStatus.values()).map(Enum::name)
                    .filter(n -> n.equals(text.toUpperCase(Locale.ROOT))).findFirst().orElse(null);
        }
        return text;
    }
}
