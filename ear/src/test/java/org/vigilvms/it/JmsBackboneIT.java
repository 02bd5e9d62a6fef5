package org.vigilvms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigilvms.it.VigilDeployment.count;
import static org.vigilvms.it.VigilDeployment.post;
import static org.vigilvms.it.VigilDeployment.refusal;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.camera.CameraStatusChanged;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.jms.envelope.JmsEnvelopes;
import org.vigilvms.jms.heartbeat.ServiceHeartbeat;
import org.vigilvms.setup.InternalCa;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.setup.VigilHome;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.testkit.ldap.TestDirectory;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.tools.ClientTls;
import org.vigilvms.tools.NodeKey;

/**
 * The secured backbone from a service on another host: it connects to the mutual-TLS acceptor
 * with a certificate from the installation's CA and its own broker credentials, and sends signed
 * envelopes. Genuine messages are processed; forged, altered, replayed, unauthenticated and
 * unauthorized ones are refused by the broker or rejected and audited by the consumer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JmsBackboneIT {

    private static final String ANALYTICS = ServiceIdentity.ANALYTICS.principal();
    private static String clientKeyStore;
    private static String trustStoreUrlPart;
    private static String analyticsPassword;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return VigilDeployment.ear();
    }

    @BeforeAll
    static void remoteNode() {
        LocalInstallation installation = VigilTestEnvironment.installation();
        char[] password = "client-pass".toCharArray();
        Path file = Path.of(System.getProperty("vigil.it.dir"), "analytics-node.p12");
        ClientTls.write(ClientTls.issueClientCertificate(installation.home(), installation.secrets(), "analytics-node-1",
                password), file, password);
        clientKeyStore = "&keyStorePath=" + file + "&keyStorePassword=client-pass&keyStoreType=PKCS12";
        trustStoreUrlPart = "&trustStorePath=" + installation.home().trustStore() + "&trustStorePassword="
                + installation.secrets().require(ServerSetup.TLS_TRUSTSTORE) + "&trustStoreType=PKCS12";
        analyticsPassword = installation.secrets().require(ServiceIdentity.ANALYTICS.credentialAlias());
    }

    @Test
    void genuineMessageRoundTripsAndItsReplayIsRejected() throws Exception {
        Producer node = Producer.registered("svc-analytics@node-genuine");
        Envelope heartbeat = node.heartbeat(Destinations.HEARTBEAT);
        send(heartbeat);
        assertEquals(Optional.of(1L), awaitHeartbeatCount(node.name));

        send(heartbeat);
        assertTrue(awaitRejection(node.name).startsWith("REPLAYED"));
        assertEquals(Optional.of(1L), heartbeatCount(node.name), "the replay was not processed");
    }

    @Test
    void alteredMessageIsRejected() throws Exception {
        Producer node = Producer.registered("svc-analytics@node-altered");
        Envelope genuine = node.heartbeat(Destinations.HEARTBEAT);
        byte[] payload = genuine.payload();
        payload[payload.length - 3] ^= 1;
        send(new Envelope(genuine.destination(), genuine.type(), genuine.producer(), genuine.epoch(),
                genuine.sequence(), genuine.sentAtMs(), payload, genuine.signature()));
        assertTrue(awaitRejection(node.name).startsWith("BAD_SIGNATURE"));
        assertEquals(Optional.empty(), heartbeatCount(node.name));
    }

    @Test
    void forgedMessageIsRejectedEvenInAnInServerServicesName() throws Exception {
        KeyPair intruder = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String victim = ProducerName.of(ServiceIdentity.STORAGE, VigilDeployment.NODE);
        long before = rejections(victim);
        send(new EnvelopeSigner(victim, intruder.getPrivate(), Clock.systemUTC()).seal(Destinations.HEARTBEAT,
                ServiceHeartbeat.TYPE, MessageCodec.encode(new ServiceHeartbeat("evil", "6.6.6", 0))));
        assertTrue(awaitRejectionCount(victim, before + 1), "forgery audited under the producer it claimed");
        assertTrue(latestRejection(victim).orElseThrow().startsWith("BAD_SIGNATURE"));

        Producer unknown = Producer.unregistered("svc-analytics@node-unknown");
        send(unknown.heartbeat(Destinations.HEARTBEAT));
        assertTrue(awaitRejection(unknown.name).startsWith("UNKNOWN_PRODUCER"));
    }

    @Test
    void aRemoteNodesKeyIsEnrolledOnlyWithProofByAnAdministratorAndARevokedKeyVerifiesNothing() throws Exception {
        HttpClient admin = VigilDeployment.signedIn("admin", VigilDeployment.adminPassword());
        String name = "svc-analytics@node-enrolled";
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        JsonObject proofForAnotherName = NodeKey.enrolment("svc-analytics@node-other", keys);
        assertEquals("the proof is not a signature of this key over the producer's name", refusal(post(admin, "/api/v1/node-keys",
                Json.createObjectBuilder(proofForAnotherName).add("producer", name).build().toString()), 400).getString("error"));
        for (String notRemote : new String[] {"svc-management@node-enrolled", "svc-analytics", "svc-analytics@", "anyone@node-1"}) {
            assertTrue(refusal(post(admin, "/api/v1/node-keys", NodeKey.enrolment(notRemote, keys).toString()), 400)
                    .getString("error").startsWith("producer must be <service>@<node>"), notRemote);
        }
        TestDirectory directory = VigilTestEnvironment.directory();
        directory.addUser("nodekey-operator", "Nodekey-pw-1");
        HttpClient operator = VigilDeployment.signedIn("nodekey-operator", "Nodekey-pw-1");
        assertEquals(403, post(operator, "/api/v1/node-keys", NodeKey.enrolment(name, keys).toString()).statusCode(),
                "enrolment needs MANAGE_USERS");
        assertEquals(0, count("SELECT count(*) FROM service_key WHERE producer = ?", name), "nothing was registered");

        assertEquals(201, post(admin, "/api/v1/node-keys", NodeKey.enrolment(name, keys).toString()).statusCode());
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'producer.key.enrolled' AND actor = 'admin' AND target = ?",
                name), "audited under the administrator");
        Producer node = new Producer(name, new EnvelopeSigner(name, keys.getPrivate(), Clock.systemUTC()));
        send(node.heartbeat(Destinations.HEARTBEAT));
        assertEquals(Optional.of(1L), awaitHeartbeatCount(name));
        KeyPair another = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertEquals(name + " holds a key already: revoke it first", refusal(post(admin, "/api/v1/node-keys",
                NodeKey.enrolment(name, another).toString()), 400).getString("error"));

        assertEquals(400, post(admin, "/api/v1/node-keys/" + name + "/revoke", "{}").statusCode(), "a reason is required");
        assertEquals(200, post(admin, "/api/v1/node-keys/" + name + "/revoke", "{\"reason\":\"node stolen\"}").statusCode());
        assertEquals(1, count("SELECT count(*) FROM audit_event WHERE action = 'producer.key.revoked' AND target = ? AND detail = 'node stolen'",
                name));
        send(node.heartbeat(Destinations.HEARTBEAT));
        assertTrue(awaitRejection(name).startsWith("UNKNOWN_PRODUCER"), "the revoked key verifies nothing from the next message on");
        assertEquals(Optional.of(1L), heartbeatCount(name), "not processed");
        assertEquals("this key was revoked: enrol a new one", refusal(post(admin, "/api/v1/node-keys",
                NodeKey.enrolment(name, keys).toString()), 400).getString("error"));
        assertEquals(201, post(admin, "/api/v1/node-keys", NodeKey.enrolment(name, another).toString()).statusCode(),
                "a new key for the node after the revocation");
    }

    @Test
    void messageReRoutedToAnotherDestinationIsRejected() throws Exception {
        Producer node = Producer.registered("svc-analytics@node-rerouted");
        Envelope forEvents = node.heartbeat(Destinations.ANALYTICS_EVENTS);
        send(forEvents, Destinations.HEARTBEAT);
        assertTrue(awaitRejection(node.name).startsWith("WRONG_DESTINATION"));
    }

    @Test
    void unauthenticatedAndWrongPasswordConnectionsAreRefused() {
        ActiveMQConnectionFactory factory = factory(clientKeyStore);
        assertThrows(JMSSecurityRuntimeException.class, () -> {
            try (JMSContext ignored = factory.createContext()) {
                // anonymous
            }
        });
        assertThrows(JMSSecurityRuntimeException.class, () -> {
            try (JMSContext ignored = factory.createContext(ANALYTICS, analyticsPassword + "x")) {
                // wrong password
            }
        });
    }

    @Test
    void aServiceCannotSendOnAnotherServicesDestination() throws Exception {
        Producer node = Producer.registered("svc-analytics@node-trespass");
        Envelope command = node.heartbeat(Destinations.CAMERA_COMMANDS);
        assertThrows(JMSSecurityRuntimeException.class, () -> send(command, Destinations.CAMERA_COMMANDS));
    }

    @Test
    void aServicesKeyCannotSpeakOnAnotherServicesDestinationEvenOverThatServicesBrokerAccount() throws Exception {
        RemoteNode posing = RemoteNode.enrolled(ServiceIdentity.ANALYTICS, "node-posing").onBrokerAccountOf(ServiceIdentity.RECORDER);
        posing.send(posing.seal(Destinations.CAMERA_STATUS, CameraStatusChanged.TYPE,
                new CameraStatusChanged(987_654, "OFFLINE", "posing as a recorder", Instant.now().toEpochMilli())));
        assertEquals("NOT_ITS_DESTINATION: svc-analytics@node-posing is no service that sends to " + Destinations.CAMERA_STATUS,
                awaitRejection(posing.producer()));
    }

    @Test
    void withoutAClientCertificateTheTlsAcceptorRefusesTheConnection() throws Exception {
        // the refused handshake leaves the client waiting for a session it never gets: 3 s, not the default 30 s
        ActiveMQConnectionFactory factory = factory("&callTimeout=3000");
        assertThrows(JMSRuntimeException.class, () -> {
            try (JMSContext context = factory.createContext(ANALYTICS, analyticsPassword)) {
                context.createProducer();
            }
        });
        // and the refusal is the TLS handshake's, not anything later: the same client without a
        // certificate meets the acceptor's demand for one; with the node's certificate it gets in
        VigilHome home = VigilTestEnvironment.installation().home();
        SSLException refused = assertThrows(SSLException.class,
                () -> handshake(ClientTls.trustingInstallation(home)));
        assertTrue(refused.getMessage().contains("certificate_required") || refused.getMessage().contains("bad_certificate"),
                "the acceptor asked for a client certificate: " + refused.getMessage());
        char[] password = "client-pass".toCharArray();
        KeyStore node = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(Path.of(System.getProperty("vigil.it.dir"), "analytics-node.p12"))) {
            node.load(in, password);
        }
        handshake(ClientTls.withClientCertificate(home, node, password));
    }

    @Test
    void aNodeWhoseCertificateComesFromAnotherCaCannotReachTheBroker() throws Exception {
        // the same node name and the genuine broker password, but a certificate issued by a CA of
        // its own making: the acceptor trusts the installation's CA only
        char[] password = "impostor-pass".toCharArray();
        Path file = Path.of(System.getProperty("vigil.it.dir"), "impostor-node.p12");
        ClientTls.write(InternalCa.create("Impostor").issueClient("analytics-node-1", password), file, password);
        VigilHome home = VigilTestEnvironment.installation().home();
        KeyStore impostor = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            impostor.load(in, password);
        }
        SSLException refused = assertThrows(SSLException.class, () -> handshake(ClientTls.withClientCertificate(home, impostor, password)));
        assertTrue(refused.getMessage().contains("certificate_unknown") || refused.getMessage().contains("bad_certificate"),
                "the acceptor refused the foreign certificate: " + refused.getMessage());
        ActiveMQConnectionFactory factory = factory("&keyStorePath=" + file + "&keyStorePassword=impostor-pass"
                + "&keyStoreType=PKCS12&callTimeout=3000");
        JMSRuntimeException noSession = assertThrows(JMSRuntimeException.class, () -> {
            try (JMSContext context = factory.createContext(ANALYTICS, analyticsPassword)) {
                context.createProducer();
            }
        });
        assertFalse(noSession instanceof JMSSecurityRuntimeException,
                "refused at the handshake, before the broker saw the password: " + noSession);
    }

    /** A TLS handshake with the broker's acceptor, completed by a first read (TLS 1.3 refuses a client after its Finished). */
    private static void handshake(SSLContext tls) throws IOException {
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", 5445)) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(2000);
            socket.startHandshake();
            try {
                socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                // accepted: the broker waits for the client to speak first
            }
        }
    }

    @Test
    void somethingThatIsNotAnEnvelopeIsRejectedAsMalformed() throws Exception {
        long before = rejections("?");
        try (JMSContext context = factory(clientKeyStore).createContext(ANALYTICS, analyticsPassword)) {
            context.createProducer().send(context.createQueue(Destinations.HEARTBEAT), "hello");
        }
        assertTrue(awaitRejectionCount("?", before + 1));
        assertTrue(latestRejection("?").orElseThrow().startsWith("MALFORMED"));
    }

    // ----------------------------------------------------------------------------------------

    /** A producer on the remote node with its own Ed25519 key. */
    private record Producer(String name, EnvelopeSigner signer) {

        /** Enrolled the way an administrator enrols a remote service (through the API, with proof of possession). */
        static Producer registered(String name) throws Exception {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            VigilDeployment.enrolNodeKey(name, keys);
            return new Producer(name, new EnvelopeSigner(name, keys.getPrivate(), Clock.systemUTC()));
        }

        static Producer unregistered(String name) throws Exception {
            KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Producer(name, new EnvelopeSigner(name, keys.getPrivate(), Clock.systemUTC()));
        }

        Envelope heartbeat(String destination) {
            return signer.seal(destination, ServiceHeartbeat.TYPE,
                    MessageCodec.encode(new ServiceHeartbeat("analytics-node-1", "0.1.0", Instant.now().toEpochMilli())));
        }
    }

    private static ActiveMQConnectionFactory factory(String keyStorePart) {
        return new ActiveMQConnectionFactory("tcp://localhost:5445?sslEnabled=true&verifyHost=true&enable1xPrefixes=true"
                + keyStorePart + trustStoreUrlPart);
    }

    private static void send(Envelope envelope) {
        send(envelope, envelope.destination());
    }

    private static void send(Envelope envelope, String destination) {
        try (JMSContext context = factory(clientKeyStore).createContext(ANALYTICS, analyticsPassword)) {
            context.createProducer().send(context.createQueue(destination), JmsEnvelopes.toMessage(context, envelope));
        }
    }

    private static Optional<Long> heartbeatCount(String producer) throws Exception {
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT received_count FROM service_heartbeat WHERE producer = ?")) {
            s.setString(1, producer);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static Optional<Long> awaitHeartbeatCount(String producer) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Optional<Long> count;
        do {
            count = heartbeatCount(producer);
            if (count.isPresent()) {
                return count;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        return count;
    }

    private static long rejections(String actor) throws Exception {
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM audit_event WHERE action = 'jms.rejected' AND outcome = 'REJECTED' AND actor = ?")) {
            s.setString(1, actor);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Optional<String> latestRejection(String actor) throws Exception {
        try (Connection c = VigilDeployment.database(); PreparedStatement s = c.prepareStatement(
                "SELECT detail FROM audit_event WHERE action = 'jms.rejected' AND actor = ? ORDER BY id DESC LIMIT 1")) {
            s.setString(1, actor);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static boolean awaitRejectionCount(String actor, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            if (rejections(actor) >= expected) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static String awaitRejection(String actor) throws Exception {
        assertTrue(awaitRejectionCount(actor, 1), "a rejection of " + actor + " is audited");
        return latestRejection(actor).orElseThrow();
    }
}
