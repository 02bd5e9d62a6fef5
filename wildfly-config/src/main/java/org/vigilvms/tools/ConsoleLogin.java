package org.vigilvms.tools;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.vigilvms.setup.VigilHome;

/** Signs in through the console's form login, as a browser would, for scripts and tests that then call the REST API. */
public final class ConsoleLogin {

    private ConsoleLogin() {
    }

    /** An HTTPS client holding a signed-in session; throws when the login is refused. */
    public static HttpClient signIn(VigilHome home, String baseUrl, String user, String password)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.trustingInstallation(home))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/index.xhtml")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> console = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!console.body().contains("Signed in as")) {
            throw new IllegalStateException("login of " + user + " was refused (HTTP " + console.statusCode() + ")");
        }
        return client;
    }
}
