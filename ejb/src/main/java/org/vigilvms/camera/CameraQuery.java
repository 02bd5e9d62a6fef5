package org.vigilvms.camera;

/**
 * What an administrator's camera table asks for: cameras whose name, site and stream address
 * contain the texts given (any case; null or blank: any), in one health state or any, at exactly
 * the site {@code atSite} (any case; null: any site), sorted by one column, {@code size} rows
 * from {@code first}.
 */
public record CameraQuery(String name, String site, String stream, CameraStatus health, String atSite, Sort sort,
                          boolean descending, int first, int size) {

    /** The columns a camera table sorts by. */
    public enum Sort { NAME, SITE, STREAM, HEALTH, SINCE }

    /** The most rows one page may hold. */
    public static final int MOST_ROWS = 500;

    /** The first {@code size} cameras by name, nothing filtered. */
    public static CameraQuery byName(int size) {
        return new CameraQuery(null, null, null, null, null, Sort.NAME, false, 0, size);
    }
}
