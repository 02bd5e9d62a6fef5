package org.vigilvms.tools;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import org.vigilvms.setup.VigilHome;

/** Signs in through the console's form login, as a browser would, for scripts and tests that then call the REST API. */
public final class ConsoleLogin {

    private ConsoleLogin() {
    }

    /** An HTTPS client holding a signed-in session; throws when the login is refused. */
    public static HttpClient signIn(VigilHome home, String baseUrl, String user, String password)
            throws IOException, InterruptedException {
        return signIn(ClientTls.trustingInstallation(home), baseUrl, user, password);
    }

    /** The same over {@code tls} (e.g. presenting a device certificate). */
    public static HttpClient signIn(SSLContext tls, String baseUrl, String user, String password)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(tls)
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/index.xhtml")).build(), HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> console = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (console.body().contains("id=\"password-change\"")) {
            throw new PasswordChangeRequired(user);
        }
        if (!console.body().contains("Signed in as")) {
            throw new IllegalStateException("login of " + user + " was refused (HTTP " + console.statusCode() + ")");
        }
        return client;
    }

    /** The account still has its one-time password: it must be changed before anything else. */
    public static final class PasswordChangeRequired extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PasswordChangeRequired(String user) {
            super(user + " must choose a new password before anything else");
        }
    }

    /**
     * First sign-in with a one-time password: signs in, sets {@code newPassword} as a person would
     * on the password page, and returns the signed-in client.
     */
    public static HttpClient signInChangingPassword(VigilHome home, String baseUrl, String user, String oneTimePassword,
                                                    String newPassword) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder()
                .sslContext(ClientTls.trustingInstallation(home))
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form("username", user, "password", oneTimePassword))).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> changed = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/account/password"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form("current", oneTimePassword, "next", newPassword,
                                "confirm", newPassword))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (!changed.body().contains("Signed in as") || changed.uri().getPath().startsWith("/account/password")) {
            // a refused change sends the browser back to the password page, saying why
            throw new IllegalStateException("password change of " + user + " was refused (HTTP " + changed.statusCode() + ", "
                    + changed.uri().getQuery() + ")");
        }
        return client;
    }

    private static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }
}
