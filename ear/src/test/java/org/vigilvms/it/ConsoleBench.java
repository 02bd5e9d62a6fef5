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

/**
 * Benchmark, not a test (testkit/bench/console.sh runs it): the cameras page in headless Chromium
 * with 10 cameras (the baseline, in the same run), then 1,000 and 5,000: the page opened until
 * its load event (PrimeFaces' widgets are ready by then) and the size of its HTML, a name typed
 * into the table's filter until the rows are back, a page turned; beside it what the page before
 * the lazy table fetched and rebuilt every 5 s, the whole camera list (GET /api/v1/cameras).
 * The cameras are disabled copies of one camera, so that nothing records. Writes
 * target/bench/console.txt.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleBench {

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
        if (VigilDeployment.post(admin, "/api/v1/cameras/" + template + "/disable", "").statusCode() != 200) {
            throw new IllegalStateException("the template camera was not disabled");
        }
        line("Console benchmark, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + rounds
                + " rounds per figure; medians, p95 in brackets");
        line("| cameras | page opened (load event) | page HTML | filter by name | next page | whole list as JSON (the page before) |");
        line("|---|---|---|---|---|---|");
        try (Browser browser = Browser.start(1280, 900)) {
            browser.signIn("admin", VigilDeployment.adminPassword());
            for (int cameras : new int[] {10, 1000, 5000}) {
                grow(template, cameras);
                measure(browser, admin, cameras, rounds);
            }
        }
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

    /** Copies the (disabled) template camera until there are {@code total} cameras, each its own name, over 25 sites. */
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
        }
        if (VigilDeployment.count("SELECT count(*) FROM camera") != total) {
            throw new IllegalStateException("expected " + total + " cameras");
        }
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
