package org.vigilvms.export;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Date;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.evidence.ChainLink;
import org.vigilvms.evidence.TimeStamps;
import org.vigilvms.platform.ServerSigningKey;

/**
 * Vigil's own time-stamping authority (RFC 3161): tokens signed with the {@code tsa} key the setup
 * issued from the internal CA, at this server's clock. Every token issued is audited with its
 * serial number and imprint.
 */
@PermitAll // internal service: callers are other services
@Stateless
public class TimeStampAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private Clock clock;

    @Inject
    private AuditLog audit;

    /** A DER-encoded time-stamp token over a SHA-256 imprint. */
    public byte[] stamp(byte[] sha256Imprint) {
        ServerSigningKey tsa = ServerSigningKey.timeStamping();
        BigInteger serial = new BigInteger(127, RANDOM); // unique without a counter to keep
        Date now = Date.from(clock.instant());
        byte[] token = TimeStamps.issue(sha256Imprint, tsa.privateKey(), tsa.chain(), serial, now);
        audit.record("tsa", "tsa.issued", "serial:" + serial.toString(16), AuditEvent.Outcome.SUCCESS,
                "imprint " + ChainLink.hex(sha256Imprint));
        return token;
    }
}
