package org.vigilvms.it;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;

/**
 * Benchmark, not a test (testkit/bench/console.sh runs it): the cameras page and the live page in
 * headless Chromium with 10 cameras (the baseline, in the same run), then 1,000 and 5,000. The
 * cameras page: opened until its load event (PrimeFaces' widgets are ready by then) and the size
 * of its HTML, a name typed into the table's filter until the rows are back, a page turned;
 * beside it what the page before the lazy table fetched and rebuilt every 5 s, the whole camera
 * list (GET /api/v1/cameras). The live page, as 2x2 and 4x4 grids: opened until its load event
 * (its camera tree and tiles ready), the size of its HTML and the number of elements in it. The
 * cameras are enabled copies of one camera pinned to a recorder node that does not run, so that
 * they are watchable and nothing records them. Writes target/bench/console.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleBench {

    /** The recorder node the bench cameras are pinned to, which does not run: nobody records them. */
    private static final String ELSEWHERE = "bench-elsewhere";

    private final StringBuilder report = new StringBuilder();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void measure() throws Exception {
        int rounds = Integer.getInteger("vigil.bench.rounds", 15);
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long template = VigilDeployment.addCamera(admin, "bench cam 0", "rtsp://127.0.0.1:9/none", "unused-password");
        if (VigilDeployment.post(admin, "/api/v1/cameras/" + template + "/recorder-pin", "{\"node\": \"" + ELSEWHERE + "\"}")
                .statusCode() != 200) {
            throw new IllegalStateException("the template camera was not pinned");
        }
        VigilDeployment.await("the template camera on " + ELSEWHERE, Duration.ofSeconds(30),
                () -> VigilDeployment.count("SELECT count(*) FROM camera_owner WHERE node = ?", ELSEWHERE) == 1);
        line("Console benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + rounds
                + " rounds per figure; medians, p95 in brackets");
        List<String> live = new ArrayList<>();
        line("| cameras | page opened (load event) | page HTML | filter by name | next page | whole list as JSON (the page before) |");
        line("|---|---|---|---|---|---|");
        try (Browser browser = Browser.start(1280, 900)) {
            browser.signIn("admin", VigilDeployment.adminPassword());
            for (int cameras : new int[] {10, 1000, 5000}) {
                grow(template, cameras);
                measure(browser, admin, cameras, rounds);
                live.add(measureLive(browser, cameras, rounds));
            }
        }
        line("");
        line("| cameras | live 2x2 opened (load event) | page HTML | elements | live 4x4 opened (load event) | page HTML | elements "
                + "| a site opened in the tree |");
        line("|---|---|---|---|---|---|---|---|");
        live.forEach(this::line);
        Path out = Path.of(System.getProperty("vigil.it.dir")).resolve("bench").resolve("console.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private void measure(Browser browser, HttpClient admin, int cameras, int rounds) throws Exception {
        List<Long> open = new ArrayList<>();
        List<Long> filter = new ArrayList<>();
        List<Long> turn = new ArrayList<>();
        List<Long> list = new ArrayList<>();
        long html = 0;
        long json = 0;
        for (int round = 0; round < rounds + 1; round++) { // the first round warms up and is not counted
            browser.driver.get(VigilDeployment.BASE + "/cameras.xhtml");
            browser.waiting(Duration.ofSeconds(30)).until(d -> "complete".equals(browser.driver.executeScript("return document.readyState"))
                    && !d.findElements(By.cssSelector("#cameras-form\\:table_data td.name")).isEmpty());
            @SuppressWarnings("unchecked")
            Map<String, Object> navigation = (Map<String, Object>) browser.driver.executeScript(
                    "var n = performance.getEntriesByType('navigation')[0]; return {load: n.loadEventEnd, size: n.decodedBodySize};");
            long filtered = ajax(browser, "var f = document.querySelector('#cameras-form\\\\:table th.name input.ui-column-filter');"
                    + " f.value = 'cam " + (7 + round) + "'; PF('cameraTable').filter();");
            long turned = -1;
            if (cameras > 25) { // every camera again, then one of the next pages
                ajax(browser, "var f = document.querySelector('#cameras-form\\\\:table th.name input.ui-column-filter');"
                        + " f.value = ''; PF('cameraTable').filter();");
                turned = ajax(browser, "PF('cameraTable').getPaginator().setPage(" + (1 + round % 3) + ");");
            }
            long t0 = System.nanoTime();
            HttpResponse<String> all = VigilDeployment.get(admin, "/api/v1/cameras");
            long listed = (System.nanoTime() - t0) / 1_000_000;
            if (all.statusCode() != 200) {
                throw new IllegalStateException("camera list: " + all.statusCode());
            }
            if (round > 0) {
                open.add(Math.round(((Number) navigation.get("load")).doubleValue()));
                html = ((Number) navigation.get("size")).longValue();
                filter.add(filtered);
                if (turned >= 0) {
                    turn.add(turned);
                }
                list.add(listed);
                json = all.body().length();
            }
        }
        line(String.format("| %,d | %d ms (%d) | %.0f kB | %d ms (%d) | %s | %d ms (%d), %.0f kB |", cameras,
                LiveViewBench.percentile(open, 50), LiveViewBench.percentile(open, 95), html / 1000.0,
                LiveViewBench.percentile(filter, 50), LiveViewBench.percentile(filter, 95),
                turn.isEmpty() ? "one page" : LiveViewBench.percentile(turn, 50) + " ms (" + LiveViewBench.percentile(turn, 95) + ")",
                LiveViewBench.percentile(list, 50), LiveViewBench.percentile(list, 95), json / 1000.0));
    }

    /** The live page as 2x2 and as 4x4 grid: opened until its load event, its HTML, its elements. */
    private static String measureLive(Browser browser, int cameras, int rounds) {
        StringBuilder row = new StringBuilder(String.format("| %,d |", cameras));
        List<Long> site = new ArrayList<>();
        for (int layout : new int[] {2, 4}) {
            List<Long> open = new ArrayList<>();
            long html = 0;
            long elements = 0;
            for (int round = 0; round < rounds + 1; round++) { // the first round warms up and is not counted
                browser.driver.get(VigilDeployment.BASE + "/live.xhtml?layout=" + layout);
                try {
                    browser.waiting(Duration.ofSeconds(60)).until(d -> "complete".equals(browser.driver.executeScript("return document.readyState"))
                            && d.findElements(By.cssSelector("#grid figure.tile")).size() == Math.min(layout * layout, cameras));
                } catch (TimeoutException e) {
                    throw new IllegalStateException("the live page at " + browser.driver.getCurrentUrl() + " has "
                            + browser.driver.findElements(By.cssSelector("#grid figure.tile")).size() + " tiles: "
                            + browser.driver.findElement(By.tagName("body")).getText(), e);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> navigation = (Map<String, Object>) browser.driver.executeScript(
                        "var n = performance.getEntriesByType('navigation')[0];"
                                + " return {load: n.loadEventEnd, size: n.decodedBodySize, elements: document.getElementsByTagName('*').length};");
                long opened = layout == 2 ? openSite(browser) : -1;
                if (round > 0) {
                    open.add(Math.round(((Number) navigation.get("load")).doubleValue()));
                    html = ((Number) navigation.get("size")).longValue();
                    elements = ((Number) navigation.get("elements")).longValue();
                    if (opened >= 0) {
                        site.add(opened);
                    }
                }
            }
            row.append(String.format(" %d ms (%d) | %.0f kB | %,d |", LiveViewBench.percentile(open, 50), LiveViewBench.percentile(open, 95),
                    html / 1000.0, elements));
        }
        row.append(site.isEmpty() ? " every site open |"
                : String.format(" %d ms (%d) |", LiveViewBench.percentile(site, 50), LiveViewBench.percentile(site, 95)));
        return row.toString();
    }

    /**
     * Opens the first closed site of the live page's tree and measures, in the page, until its
     * cameras are in the tree; -1 when every site is open already.
     */
    private static long openSite(Browser browser) {
        Object elapsed = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "var tree = document.getElementById('camera-tree'); tree.hidden = false;"
                + "if (tree.querySelectorAll('.camera-node').length > 0) { done(-1); return; }"
                + "var t0 = performance.now(); tree.querySelector('.ui-tree-toggler').click();"
                + "(function wait() { if (tree.querySelectorAll('.camera-node').length > 0) { done(Math.round(performance.now() - t0)); }"
                + "  else if (performance.now() - t0 > 20000) { done(-2); } else { setTimeout(wait, 2); } })();");
        long ms = ((Number) elapsed).longValue();
        if (ms == -2) {
            throw new IllegalStateException("the site's cameras did not come within 20 s");
        }
        return ms;
    }

    /**
     * Runs a script that starts a PrimeFaces request from the table and measures, in the page,
     * until every request it started has been answered and its rows are in place.
     */
    private static long ajax(Browser browser, String start) {
        Object elapsed = browser.driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "var t0 = performance.now(); var seen = false;" + start
                + "(function wait() { var idle = PrimeFaces.ajax.Queue.isEmpty(); seen = seen || !idle;"
                + "  if (seen && idle) { done(Math.round(performance.now() - t0)); } else if (performance.now() - t0 > 20000) { done(-1); }"
                + "  else { setTimeout(wait, 2); } })();");
        long ms = ((Number) elapsed).longValue();
        if (ms < 0) {
            throw new IllegalStateException("the table did not answer within 20 s");
        }
        return ms;
    }

    /**
     * Copies the template camera (pinned to {@link #ELSEWHERE}) until there are {@code total}
     * cameras, each its own name, over 25 sites, and gives the copies to that node as its move would.
     */
    private static void grow(long template, int total) throws Exception {
        try (Connection c = VigilDeployment.database()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "camera", null)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    if (!column.equals("id")) {
                        columns.add(column);
                    }
                }
            }
            String values = String.join(", ", columns.stream().map(col -> switch (col) {
                case "name" -> "'bench cam ' || g";
                case "site" -> "'site ' || (g % 25)";
                default -> "camera." + col;
            }).toList());
            long have = VigilDeployment.count("SELECT count(*) FROM camera");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO camera (" + String.join(", ", columns) + ") SELECT "
                    + values + " FROM camera, generate_series(?, ?) g WHERE camera.id = ?")) {
                insert.setLong(1, have);
                insert.setLong(2, total - 1);
                insert.setLong(3, template);
                insert.executeUpdate();
            }
            try (PreparedStatement owner = c.prepareStatement("INSERT INTO camera_owner (camera_id, node, epoch, since) "
                    + "SELECT id, recorder_pin, 1, now() FROM camera WHERE recorder_pin = ? ON CONFLICT (camera_id) DO NOTHING")) {
                owner.setString(1, ELSEWHERE);
                owner.executeUpdate();
            }
        }
        if (VigilDeployment.count("SELECT count(*) FROM camera") != total) {
            throw new IllegalStateException("expected " + total + " cameras");
        }
        if (VigilDeployment.count("SELECT count(*) FROM camera_owner WHERE node = ?", ELSEWHERE) != total) {
            throw new IllegalStateException("a camera pinned to " + ELSEWHERE + " was claimed by another node");
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
