package org.vigilvms.it;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.vigilvms.jms.Destinations;
import org.vigilvms.jms.MessageCodec;
import org.vigilvms.jms.ProducerName;
import org.vigilvms.jms.ServiceIdentity;
import org.vigilvms.jms.analytics.AnalyticsEvent;
import org.vigilvms.jms.analytics.AnalyticsEventBatch;
import org.vigilvms.jms.analytics.Region;
import org.vigilvms.jms.envelope.Envelope;
import org.vigilvms.jms.envelope.EnvelopeSigner;
import org.vigilvms.jms.envelope.JmsEnvelopes;
import org.vigilvms.setup.ServerSetup;
import org.vigilvms.testkit.it.VigilTestEnvironment;
import org.vigilvms.testkit.run.LocalInstallation;
import org.vigilvms.tools.ClientTls;

/**
 * A service on another host, as the tests play it (analytics unless named): it reaches the broker
 * only over the mutual-TLS acceptor with a client certificate from the installation's CA and its
 * service's broker account, and signs with an Ed25519 key enrolled in the producer registry.
 */
final class RemoteNode {

    private final ServiceIdentity service;
    private final String producer;
    private final EnvelopeSigner signer;
    private final PublicKey publicKey;
    private final String url;
    private final String password;

    private RemoteNode(ServiceIdentity service, String producer, EnvelopeSigner signer, PublicKey publicKey, String url, String password) {
        this.service = service;
        this.producer = producer;
        this.signer = signer;
        this.publicKey = publicKey;
        this.url = url;
        this.password = password;
    }

    /** A node whose key is enrolled under {@code svc-analytics@<host>}. */
    static RemoteNode enrolled(String host) throws Exception {
        return enrolled(ServiceIdentity.ANALYTICS, host);
    }

    /** A node whose {@code service} key is enrolled under {@code <service>@<host>}, on that service's broker account. */
    static RemoteNode enrolled(ServiceIdentity service, String host) throws Exception {
        String producer = ProducerName.of(service, host);
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        VigilDeployment.enrolNodeKey(producer, keys);
        return connect(service, producer, keys);
    }

    /** A node that claims to be the test server's analytics service but holds a key of its own (a forger). */
    static RemoteNode forger() throws Exception {
        return connect(ServiceIdentity.ANALYTICS, ProducerName.of(ServiceIdentity.ANALYTICS, VigilDeployment.NODE),
                KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    }

    private static RemoteNode connect(ServiceIdentity service, String producer, KeyPair keys) {
        LocalInstallation installation = VigilTestEnvironment.installation();
        char[] storePassword = "client-pass".toCharArray();
        Path file = Path.of(System.getProperty("vigil.it.dir"), "analytics-" + UUID.randomUUID() + ".p12");
        ClientTls.write(ClientTls.issueClientCertificate(installation.home(), installation.secrets(), "analytics-node",
                storePassword), file, storePassword);
        String url = "tcp://localhost:5445?sslEnabled=true&verifyHost=true&enable1xPrefixes=true"
                + "&keyStorePath=" + file + "&keyStorePassword=client-pass&keyStoreType=PKCS12"
                + "&trustStorePath=" + installation.home().trustStore() + "&trustStorePassword="
                + installation.secrets().require(ServerSetup.TLS_TRUSTSTORE) + "&trustStoreType=PKCS12";
        return new RemoteNode(service, producer, new EnvelopeSigner(producer, keys.getPrivate(), Clock.systemUTC()), keys.getPublic(), url,
                installation.secrets().require(service.credentialAlias()));
    }

    /**
     * This node's key on another service's broker account: a node that also holds that service's
     * broker password. The broker then lets it on that service's destinations; the envelope's
     * producer must still be a service that sends there.
     */
    RemoteNode onBrokerAccountOf(ServiceIdentity account) {
        return new RemoteNode(account, producer, signer, publicKey, url,
                VigilTestEnvironment.installation().secrets().require(account.credentialAlias()));
    }

    String producer() {
        return producer;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    /** A motion event as a node reports it: a fresh id, this moment, one box. */
    static AnalyticsEvent motion(long cameraId, String zone) {
        long now = System.currentTimeMillis();
        return new AnalyticsEvent(UUID.randomUUID().toString(), cameraId, "MOTION", zone, now - 1500, now - 200, 0.2,
                List.of(new Region(null, 0.6, 0.3, 0.1, 0.2)), 1);
    }

    /** Any message, signed by this node for {@code destination}. */
    Envelope seal(String destination, String type, Record payload) {
        return signer.seal(destination, type, MessageCodec.encode(payload));
    }

    Envelope seal(AnalyticsEvent event) {
        return signer.seal(Destinations.ANALYTICS_EVENTS, AnalyticsEvent.TYPE, MessageCodec.encode(event));
    }

    /** Several events under one envelope. */
    Envelope sealBatch(List<AnalyticsEvent> events) {
        return signer.seal(Destinations.ANALYTICS_EVENTS, AnalyticsEventBatch.TYPE,
                MessageCodec.encode(new AnalyticsEventBatch(events)));
    }

    void send(Envelope... envelopes) {
        try (JMSContext context = new ActiveMQConnectionFactory(url).createContext(service.principal(), password)) {
            for (Envelope envelope : envelopes) {
                context.createProducer().send(context.createQueue(envelope.destination()), JmsEnvelopes.toMessage(context, envelope));
            }
        }
    }

    /**
     * Sends as a busy node would: each message on its own, but without waiting for the broker's
     * confirmation of one before sending the next (JMS asynchronous send), no faster than
     * {@code perSecond} messages a second, evenly spread; returns when every one is confirmed.
     */
    void sendPaced(double perSecond, Envelope... envelopes) throws InterruptedException {
        CountDownLatch confirmed = new CountDownLatch(envelopes.length);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (JMSContext context = new ActiveMQConnectionFactory(url + "&confirmationWindowSize=1048576")
                .createContext(service.principal(), password)) {
            JMSProducer producer = context.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    confirmed.countDown();
                }

                @Override
                public void onException(Message message, Exception e) {
                    failure.compareAndSet(null, e);
                    confirmed.countDown();
                }
            });
            Queue queue = context.createQueue(Destinations.ANALYTICS_EVENTS);
            long start = System.nanoTime();
            for (int i = 0; i < envelopes.length; i++) {
                long due = start + (long) (i * 1e9 / perSecond);
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
                producer.send(queue, JmsEnvelopes.toMessage(context, envelopes[i]));
            }
            if (!confirmed.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(confirmed.getCount() + " of " + envelopes.length + " sends not confirmed in 10 min");
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused a send", failure.get());
        }
    }

    void report(AnalyticsEvent event) {
        send(seal(event));
    }
}
