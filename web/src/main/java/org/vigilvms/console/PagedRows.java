package org.vigilvms.console;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A PrimeFaces lazy table fed one page at a time by a service (the rows from {@code first} and how
 * many match in all), so a table never holds more than a page however many rows there are. Rows
 * are shown, never selected.
 */
final class PagedRows<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** One page of rows and the number of all that match. */
    record Page<T>(List<T> rows, long total) {
    }

    /** Where the pages come from (kept with the view: serializable). */
    interface Source<T> extends Serializable {
        Page<T> page(int first, int size);
    }

    /** What tells rows apart (kept with the view: serializable). */
    interface Key<T> extends Function<T, String>, Serializable {
    }

    private final Source<T> source;
    private final Key<T> key;

    PagedRows(Source<T> source, Key<T> key) {
        this.source = source;
        this.key = key;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        return capped(source.page(0, 1).total());
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        Page<T> page = source.page(first, pageSize);
        setRowCount(capped(page.total()));
        return page.rows();
    }

    @Override
    public String getRowKey(T row) {
        return key.apply(row);
    }

    @Override
    public T getRowData(String rowKey) {
        return null; // rows are not selected
    }

    private static int capped(long total) {
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    /** A filter field's text, or null when nothing was typed. */
    static String typed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
