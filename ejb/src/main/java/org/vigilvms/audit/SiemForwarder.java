package org.vigilvms.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Hands SIEM messages to WildFly's logging: the category {@code vigil.siem}, whose socket handler
 * (wildfly-config 70-logging.cli) sends each frame over TLS to the SIEM configured by the setup,
 * and nowhere when none is. Callers send only what is committed (after their transaction).
 */
@ApplicationScoped
public class SiemForwarder {

    private static final Logger SIEM = Logger.getLogger("vigil.siem");
    private static final String HOST = hostName();

    /**
     * Where the SIEM listens ({@code host:port}), or empty while none is configured (the handler's
     * level, {@code vigil.siem.level}, is OFF until the setup names one).
     */
    public Optional<String> destination() {
        String level = System.getProperty("vigil.siem.level", "OFF").trim();
        return "OFF".equalsIgnoreCase(level) ? Optional.empty()
                : Optional.of(System.getProperty("vigil.siem.host", "127.0.0.1") + ":" + System.getProperty("vigil.siem.port", "6514"));
    }

    /** Sealed audit rows, in chain order. */
    public void forward(List<AuditEvent> events) {
        for (AuditEvent event : events) {
            SIEM.info(SiemMessage.frame(SiemMessage.auditEvent(event, HOST)));
        }
    }

    /** A signed chain head ({@link SiemMessage#chainHead}). */
    public void chainHead(String chain, long seq, byte[] hash, Instant signedAt, byte[] signature, byte[] signerSha256) {
        SIEM.info(SiemMessage.frame(SiemMessage.chainHead(chain, seq, hash, signedAt, signature, signerSha256, HOST)));
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.matches("[A-Za-z0-9.-]{1,255}") ? name : "-";
        } catch (IOException e) {
            return "-";
        }
    }
}
