package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.addDisabledCamera;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.get;
import static org.vigilvms.it.VigilDeployment.json;
import static org.vigilvms.it.VigilDeployment.loginOutcome;
import static org.vigilvms.it.VigilDeployment.post;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.security.Totp;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.testkit.ldap.TestDirectory;
import org.vigilvms.tools.AnchoredHeads;
import org.vigilvms.tools.ClientTls;
import org.vigilvms.tools.ConsoleLogin;

/**
 * Issue #5: directory users get exactly the rights Vigil grants their LDAP groups, enforced in
 * the EJB layer (the REST resources hold no checks of their own); accounts lock after six wrong
 * passwords; the audit chain names an edited or deleted row and reaches the syslog collector.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IdentityIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @Test
    void anLdapUserGetsExactlyTheRightsOfTheirGroupsAndLosesThemWithTheGroup() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        TestDirectory directory = VigilTestEnvironment.directory();
        directory.addUser("alice", "Alice-pw-1");
        directory.addToGroup("alice", "gate-viewers");
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long x = addDisabledCamera(admin, "rights x");
        long y = addDisabledCamera(admin, "rights y");
        assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"GROUP\",\"subject\":\"gate-viewers\","
                + "\"right\":\"PLAYBACK\",\"cameraId\":" + y + "}").statusCode());
        assertEquals(201, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"GROUP\",\"subject\":\"other-group\","
                + "\"right\":\"PLAYBACK\",\"cameraId\":" + x + "}").statusCode());

        HttpClient alice = VigilDeployment.signedIn("alice", "Alice-pw-1");
        JsonArray mine = json(get(alice, "/api/v1/access/me")).asJsonArray();
        assertEquals(1, mine.size(), mine.toString());
        assertEquals("PLAYBACK", mine.getJsonObject(0).getString("right"));
        assertEquals("camera " + y, mine.getJsonObject(0).getString("scope"));
        assertTrue(mine.getJsonObject(0).getString("source").contains("group gate-viewers"));
        assertEquals(Set.of(y), cameraIds(get(alice, "/api/v1/cameras")), "only the camera with a right is listed");

        String range = "?from=" + Instant.now().minusSeconds(3600) + "&to=" + Instant.now();
        assertEquals(200, get(alice, "/api/v1/cameras/" + y + "/recordings" + range).statusCode());
        HttpResponse<String> refused = get(alice, "/api/v1/cameras/" + x + "/recordings" + range);
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(403, get(alice, "/api/v1/cameras/" + x + "/recordings/segments/1").statusCode());
        assertEquals(403, post(alice, "/api/v1/cameras", "{\"name\":\"sneaky\",\"streamUrl\":\"rtsp://127.0.0.1:1/x\"}").statusCode());
        assertEquals(403, post(alice, "/api/v1/access/grants", "{\"subjectKind\":\"USER\",\"subject\":\"alice\","
                + "\"right\":\"PLAYBACK\"}").statusCode(), "no one grants themselves rights");
        assertTrue(count("SELECT count(*) FROM audit_event WHERE actor = 'alice' AND action = 'access.denied' AND target = ?",
                "camera:" + x) >= 2, "refusals audited");
        assertEquals(0, count("SELECT count(*) FROM camera WHERE name = 'sneaky'"));

        directory.removeFromGroup("alice", "gate-viewers");
        HttpClient aliceAgain = VigilDeployment.signedIn("alice", "Alice-pw-1");
        assertEquals(0, json(get(aliceAgain, "/api/v1/access/me")).asJsonArray().size(), "rights gone with the group");
        assertEquals(403, get(aliceAgain, "/api/v1/cameras/" + y + "/recordings" + range).statusCode());
        assertEquals(Set.of(), cameraIds(get(aliceAgain, "/api/v1/cameras")));
    }

    @Test
    void sixWrongPasswordsLockTheAccountAndTheAuditAndSiemSeeIt() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        TestDirectory directory = VigilTestEnvironment.directory();
        directory.addUser("carol", "Carol-pw-1");
        for (int i = 0; i < 6; i++) {
            assertEquals(i < 5 ? "invalid" : "locked", loginOutcome("carol", "wrong-" + i), "attempt " + (i + 1));
        }
        assertEquals("locked", loginOutcome("carol", "Carol-pw-1"), "the right password no longer opens a locked account");
        assertThrows(IllegalStateException.class, () -> VigilDeployment.signedIn("carol", "Carol-pw-1"));
        assertEquals(6, count("SELECT count(*) FROM audit_event WHERE action = 'login.failed' AND target = 'user:carol'"));
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'account.locked' AND target = 'user:carol'"));
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'login.refused' AND target = 'user:carol'") >= 2);
        // the SIEM gets the same, as RFC 5424 syslog over TLS (rsyslog takes nothing else), within the sealing interval
        Instant deadline = Instant.now().plusSeconds(15);
        while (VigilTestEnvironment.siem().messages().stream().noneMatch(m -> m.contains(" account.locked ")
                && m.contains("target=\"user:carol\""))) {
            assertTrue(Instant.now().isBefore(deadline), "account.locked forwarded to syslog");
            Thread.sleep(250);
        }
        String locked = VigilTestEnvironment.siem().messages().stream().filter(m -> m.contains(" account.locked ")).findFirst().orElseThrow();
        assertTrue(locked.startsWith("<85>1 "), "authpriv.notice, RFC 5424 version 1: " + locked);
        long lockedSeq = count("SELECT chain_seq FROM audit_event WHERE action = 'account.locked' AND target = 'user:carol'");
        VigilDeployment.await("a signed audit head over the lock reaches the SIEM", Duration.ofSeconds(15), () -> VigilTestEnvironment
                .siem().messages().stream().anyMatch(m -> m.contains(" chain.head [vigil@32473 chain=\"audit\" seq=\"")
                        && Long.parseLong(m.replaceAll(".*chain=\"audit\" seq=\"(\\d+)\".*", "$1")) >= lockedSeq));
    }

    @Test
    void theAuditVerifierNamesAnEditedAndADeletedRow() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        awaitSealed();
        JsonObject clean = json(get(admin, "/api/v1/audit/verify")).asJsonObject();
        assertEquals(0, clean.getJsonArray("findings").size(), clean.toString());
        assertTrue(clean.getJsonNumber("rowsChecked").longValue() > 3);

        long edited;
        long deleted;
        try (Connection c = VigilDeployment.database()) {
            ResultSet rs = c.createStatement().executeQuery("SELECT id FROM audit_event WHERE chain_seq IS NOT NULL "
                    + "AND action = 'login' ORDER BY chain_seq LIMIT 2");
            rs.next();
            edited = rs.getLong(1);
            rs.next();
            deleted = rs.getLong(1);
            c.createStatement().executeUpdate("UPDATE audit_event SET actor = 'someone-else' WHERE id = " + edited);
            c.createStatement().executeUpdate("DELETE FROM audit_event WHERE id = " + deleted);
        }
        JsonArray findings = json(get(admin, "/api/v1/audit/verify")).asJsonObject().getJsonArray("findings");
        assertEquals(2, findings.size(), findings.toString());
        JsonObject first = findings.getJsonObject(0);
        JsonObject second = findings.getJsonObject(1);
        assertEquals("EDITED", first.getString("problem"));
        assertEquals(edited, first.getJsonNumber("rowId").longValue());
        assertEquals("DELETED", second.getString("problem"));
        assertTrue(second.getString("detail").contains("1 row(s)"), second.toString());

        // the search needs READ_AUDIT: an LDAP user without it is refused
        VigilTestEnvironment.directory().addUser("dave", "Dave-pw-1");
        HttpClient dave = VigilDeployment.signedIn("dave", "Dave-pw-1");
        assertEquals(403, get(dave, "/api/v1/audit?limit=5").statusCode());
        assertEquals(403, get(dave, "/api/v1/audit/verify").statusCode());
        assertEquals(200, get(admin, "/api/v1/audit?action=login&limit=5").statusCode());
    }

    @Test
    void anAuditTrailRolledBackTogetherWithItsSignedHeadShowsAgainstTheHeadTheSiemKept() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        awaitSealed();
        // what an intruder copied of the signed head earlier
        Object[] earlier = auditHead();
        long rolledBackTo = (Long) earlier[0];
        // more is audited (30 refused requests), sealed, and the newer head reaches the SIEM
        for (int i = 0; i < 30; i++) {
            assertEquals(400, post(admin, "/api/v1/cameras", "{}").statusCode());
        }
        awaitSealed();
        long sent = (Long) auditHead()[0];
        assertTrue(sent >= rolledBackTo + 30, "sealed past the copy: " + sent);
        VigilDeployment.await("the SIEM holds audit head " + sent, Duration.ofSeconds(20), () -> VigilTestEnvironment.siem().messages()
                .stream().anyMatch(m -> m.contains(" chain.head [vigil@32473 chain=\"audit\" seq=\"" + sent + "\"")));
        AnchoredHeads.Head kept = AnchoredHeads.parse(VigilTestEnvironment.siem().messages()).audit().orElseThrow();

        // the intruder deletes the newer rows and puts the copied head back, under the sealer's own lock
        try (Connection c = VigilDeployment.database()) {
            c.setAutoCommit(false);
            c.createStatement().executeQuery("SELECT chain_seq FROM audit_chain_head FOR UPDATE").close();
            c.createStatement().executeUpdate("DELETE FROM audit_event WHERE chain_seq > " + rolledBackTo);
            try (PreparedStatement head = c.prepareStatement("UPDATE audit_chain_head SET chain_seq = ?, chain_hash = ?, signed_ts = ?, "
                    + "signature = ?, signer_sha256 = ?")) {
                for (int i = 0; i < earlier.length; i++) {
                    head.setObject(i + 1, earlier[i]);
                }
                assertEquals(1, head.executeUpdate());
            }
            c.commit();
        }
        JsonObject serverOnly = json(get(admin, "/api/v1/audit/verify")).asJsonObject();
        assertTrue(serverOnly.getJsonArray("findings").stream().map(f -> f.asJsonObject().getString("problem"))
                .noneMatch(p -> p.equals("TRUNCATED") || p.equals("REMOVED_WITH_HEADS") || p.equals("HEAD_SIGNATURE_INVALID")),
                "the server's own records agree with each other again: " + serverOnly);

        JsonObject anchored = json(get(admin, "/api/v1/audit/verify?anchorSeq=" + kept.seq() + "&anchorHash=" + kept.hash()
                + "&anchorSignedAt=" + kept.signedAt() + "&anchorSignature=" + URLEncoder.encode(kept.signature(), StandardCharsets.UTF_8)))
                .asJsonObject();
        long head = anchored.getJsonNumber("headSeq").longValue(); // rows audited since the rollback were sealed after it
        JsonObject named = anchored.getJsonArray("findings").stream().map(JsonValue::asJsonObject)
                .filter(f -> f.getString("problem").equals(head < kept.seq() ? "REMOVED_WITH_HEADS" : "REWRITTEN")).findFirst()
                .orElseThrow(() -> new AssertionError("the rollback is named: " + anchored));
        assertEquals(head < kept.seq() ? head + 1 : kept.seq(), named.getJsonNumber("chainSeq").longValue(), named.toString());

        assertEquals(400, get(admin, "/api/v1/audit/verify?anchorSeq=" + (kept.seq() + 1) + "&anchorHash=" + kept.hash()
                + "&anchorSignedAt=" + kept.signedAt() + "&anchorSignature=" + URLEncoder.encode(kept.signature(), StandardCharsets.UTF_8))
                .statusCode(), "an anchor the server did not sign");
    }

    /** The stored audit head: position, hash, signing time, signature, signer. */
    private static Object[] auditHead() throws Exception {
        try (Connection c = VigilDeployment.database(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT chain_seq, chain_hash, signed_ts, signature, signer_sha256 FROM audit_chain_head")) {
            assertTrue(rs.next(), "an audit head");
            return new Object[] {rs.getLong(1), rs.getBytes(2), rs.getObject(3, OffsetDateTime.class), rs.getBytes(4), rs.getBytes(5)};
        }
    }

    @Test
    void badInputIsRefusedCleanlyAndChangesNothing() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        long cameras = count("SELECT count(*) FROM camera");
        String[] names = {"x'; DROP TABLE camera; --", "<script>alert(1)</script>", "../../etc/passwd", "a\r\nSet-Cookie: x=y",
                "*)(uid=*))(|(uid=*", "n".repeat(5000)};
        for (String name : names) {
            HttpResponse<String> r = post(admin, "/api/v1/cameras", Json.createObjectBuilder().add("name", name)
                    .add("streamUrl", "rtsp://127.0.0.1:1/x").build().toString());
            assertEquals(400, r.statusCode(), name + ": " + r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains("at org."), "no stack trace: " + r.body());
        }
        assertEquals(400, post(admin, "/api/v1/cameras", "{\"name\":\"ok\",\"streamUrl\":\"file:///etc/passwd\"}").statusCode());
        assertEquals(400, post(admin, "/api/v1/access/grants", "{\"subjectKind\":\"GROUP\",\"subject\":\"*)(cn=*\","
                + "\"right\":\"PLAYBACK\"}").statusCode(), "LDAP filter characters are not names");
        assertEquals(404, get(admin, "/api/v1/cameras/..%2F..%2Fetc/recordings").statusCode());
        HttpResponse<String> huge = admin.send(HttpRequest.newBuilder(URI.create(VigilDeployment.BASE + "/api/v1/cameras"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(2 << 20) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, huge.statusCode());
        assertEquals("invalid", loginOutcome("*)(uid=*))(|(uid=*", "x"), "an LDAP filter as a user name is just a wrong name");
        assertEquals(cameras, count("SELECT count(*) FROM camera"), "nothing stored");
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'request.rejected'") >= names.length);
    }

    @Test
    void aSecondFactorOnceEnabledIsRequiredAndEachCodeCountsOnce() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        VigilTestEnvironment.directory().addUser("gina", "Gina-pw-1");
        HttpClient gina = VigilDeployment.signedIn("gina", "Gina-pw-1");
        JsonObject enrolment = json(post(gina, "/api/v1/account/totp", "{}")).asJsonObject();
        assertTrue(enrolment.getString("otpauthUri").startsWith("otpauth://totp/Vigil:gina?secret="));
        byte[] secret = Totp.fromBase32(enrolment.getString("secret"));
        assertEquals(400, post(gina, "/api/v1/account/totp/confirm", "{\"code\":\"000000\"}").statusCode(), "a wrong first code");
        String first = Totp.code(secret, Totp.step(System.currentTimeMillis()));
        assertEquals(204, post(gina, "/api/v1/account/totp/confirm", "{\"code\":\"" + first + "\"}").statusCode());

        assertEquals("code", loginOutcome("gina", "Gina-pw-1"), "the password alone no longer signs in");
        assertEquals("code", loginOutcome("gina", "Gina-pw-1", first), "the confirming code was used up");
        // the code of the next 30 s step, as a phone whose clock runs a little ahead shows it: accepted
        // (one step of skew either way) and not used before
        String next = Totp.code(secret, Totp.step(System.currentTimeMillis()) + 1);
        assertEquals("ok", loginOutcome("gina", "Gina-pw-1", next));
        assertEquals("code", loginOutcome("gina", "Gina-pw-1", next), "a code counts once");
        assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'totp.failed' AND actor = 'gina'") >= 3);
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'totp.enabled' AND actor = 'gina'"));
    }

    @Test
    void whenASecondFactorIsRequiredForAdministratorsOneWithoutItHoldsNoRightUntilEnrolled() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        VigilTestEnvironment.directory().addUser("mona", "Mona-pw-1");
        VigilTestEnvironment.directory().addUser("nils", "Nils-pw-1");
        assertEquals(201, post(admin, "/api/v1/access/grants",
                "{\"subjectKind\":\"USER\",\"subject\":\"mona\",\"right\":\"MANAGE_CAMERAS\"}").statusCode());
        assertEquals(201, post(admin, "/api/v1/access/grants",
                "{\"subjectKind\":\"USER\",\"subject\":\"nils\",\"right\":\"VIEW_LIVE\"}").statusCode());
        HttpClient before = VigilDeployment.signedIn("mona", "Mona-pw-1");
        assertEquals(200, get(before, "/api/v1/analytics/stats").statusCode(), "an administrator while TOTP is optional");
        setProperty("vigil.totp.required", "admins");
        try {
            // a session opened before the switch: the EJB layer withholds the rights at once
            assertEquals(403, get(before, "/api/v1/analytics/stats").statusCode(), "refused by the EJB layer");
            // a new sign-in leads to enrolment; nothing else answers until then
            HttpClient mona = VigilDeployment.signedIn("mona", "Mona-pw-1");
            HttpResponse<String> gated = get(mona, "/api/v1/analytics/stats");
            assertEquals(403, gated.statusCode());
            assertTrue(gated.body().contains("second factor enrolment required"), gated.body());
            assertTrue(get(mona, "/index.xhtml").body().contains("id=\"totp-enrolment\""), "the console shows the enrolment page");
            byte[] secret = Totp.fromBase32(json(post(mona, "/api/v1/account/totp", "{}")).asJsonObject()
                    .getString("secret"));
            String code = Totp.code(secret, Totp.step(System.currentTimeMillis()));
            assertEquals(204, post(mona, "/api/v1/account/totp/confirm", "{\"code\":\"" + code + "\"}").statusCode());
            assertEquals(200, get(mona, "/api/v1/analytics/stats").statusCode(), "enrolled: the rights are back");
            assertEquals("code", loginOutcome("mona", "Mona-pw-1"), "and sign-in now needs a code");
            // an operator without administrative rights is not concerned
            HttpClient nils = VigilDeployment.signedIn("nils", "Nils-pw-1");
            assertEquals(200, get(nils, "/api/v1/cameras").statusCode());
        } finally {
            setProperty("vigil.totp.required", null);
        }
    }

    @Test
    void inDeviceCertificateModeOnlyEnrolledUnrevokedDevicesGetIn() throws Exception {
        VigilDeployment.awaitHealthy(Duration.ofSeconds(60));
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        // the workstation makes its own key and asks for a certificate; only the public key leaves it
        DeviceRequest request = DeviceRequest.make("whatever the device claims");
        KeyPair keys = request.keys();
        String csr = request.csrPem();
        assertEquals(400, post(admin, "/api/v1/devices", "{\"name\":\"ws-7\",\"kind\":\"WORKSTATION\",\"csr\":\"not a csr\"}")
                .statusCode(), "garbage refused");
        HttpResponse<String> issued = post(admin, "/api/v1/devices", Json.createObjectBuilder().add("name", "ws-7")
                .add("kind", "WORKSTATION").add("csr", csr).build().toString());
        assertEquals(201, issued.statusCode(), issued.body());
        JsonObject answer = Json.createReader(new StringReader(issued.body())).readObject();
        X509Certificate certificate = (X509Certificate) CertificateFactory
                .getInstance("X.509").generateCertificate(new ByteArrayInputStream(
                        answer.getString("certificatePem").getBytes(StandardCharsets.US_ASCII)));
        assertEquals("CN=ws-7,OU=workstation,O=Vigil devices", certificate.getSubjectX500Principal().getName(),
                "the CA names the device, not the request");
        String serial = answer.getJsonObject("device").getString("serial");
        var home = VigilTestEnvironment.installation().home();
        char[] secret = "device-store".toCharArray();
        KeyStore enrolled = KeyStore.getInstance("PKCS12");
        enrolled.load(null, null);
        enrolled.setKeyEntry("ws-7", keys.getPrivate(), secret, new Certificate[] {certificate,
                ClientTls.caCertificate(home)});
        SSLContext workstation = ClientTls.withClientCertificate(home, enrolled, secret);
        // from the same CA but never enrolled (as a service certificate would be)
        SSLContext stranger = ClientTls.withClientCertificate(home,
                ClientTls.issueClientCertificate(home, VigilTestEnvironment.installation()
                        .secrets(), "not-enrolled", secret), secret);
        try {
            setProperty("vigil.device.certificates", "required");
            HttpResponse<String> bare = VigilDeployment.https().send(HttpRequest.newBuilder(
                    URI.create(VigilDeployment.BASE + "/login.xhtml")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, bare.statusCode(), "no certificate: not even the sign-in page");
            assertTrue(bare.body().contains("no device certificate presented"), bare.body());
            assertEquals(403, get(admin, "/api/v1/cameras").statusCode(), "a signed-in session without a certificate is cut off too");
            HttpResponse<String> unknown = HttpClient.newBuilder().sslContext(stranger).build().send(HttpRequest
                    .newBuilder(URI.create(VigilDeployment.BASE + "/login.xhtml")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, unknown.statusCode());
            assertTrue(unknown.body().contains("never enrolled"), unknown.body());

            HttpClient fromWorkstation = ConsoleLogin.signIn(workstation, VigilDeployment.BASE, "admin",
                    VigilDeployment.adminPassword());
            assertEquals(200, get(fromWorkstation, "/api/v1/cameras").statusCode(), "the enrolled device gets in");
            HttpResponse<String> revoked = post(fromWorkstation, "/api/v1/devices/" + serial + "/revoke", "{\"reason\":\"stolen\"}");
            assertEquals(200, revoked.statusCode(), revoked.body());
            HttpResponse<String> after = get(fromWorkstation, "/api/v1/cameras");
            assertEquals(403, after.statusCode(), "revoked: refused at the next request, same connection and session");
            assertTrue(after.body().contains("revoked"), after.body());
            assertTrue(count("SELECT count(*) FROM audit_event WHERE action = 'device.refused'") >= 3, "refusals audited");
            assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'device.revoked' AND detail LIKE '%stolen%'"));
        } finally {
            setProperty("vigil.device.certificates", null);
        }
        assertEquals(200, get(admin, "/api/v1/cameras").statusCode(), "mode off: passwords alone again");
    }

    @ArquillianResource
    private ManagementClient management;

    private void setProperty(String name, String value) throws Exception {
        VigilDeployment.setServerProperty(management, name, value);
    }

    private static void awaitSealed() throws Exception {
        Instant deadline = Instant.now().plusSeconds(15);
        while (count("SELECT count(*) FROM audit_event WHERE chain_seq IS NULL") > 0
                || count("SELECT count(*) FROM audit_chain_head") == 0) {
            assertTrue(Instant.now().isBefore(deadline), "audit rows sealed");
            Thread.sleep(250);
        }
    }

    private static Set<Long> cameraIds(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        Set<Long> ids = new TreeSet<>();
        for (JsonValue c : json(response).asJsonArray()) {
            ids.add(c.asJsonObject().getJsonNumber("id").longValue());
        }
        return ids;
    }

}
