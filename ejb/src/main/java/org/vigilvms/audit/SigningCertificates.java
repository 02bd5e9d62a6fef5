package org.vigilvms.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;
import org.vigilvms.platform.Pem;
import org.vigilvms.platform.ServerSigningKey;

/**
 * Every certificate the server signing key ever had: the current one is registered at the management node's start and
 * the others marked retired, so that after a rotation of the signing key (setup
 * {@code --rotate-signing-key}) chain heads signed before it still verify. A certificate counts
 * only when the installation's CA issued it and it was valid when the head was signed; looked up
 * in the database at each check, so a certificate removed from there verifies nothing.
 */
@PermitAll // internal service: callers are other services
@Singleton
@Startup
public class SigningCertificates {

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private Clock clock;

    @Inject
    private NodeRoles roles;

    /** On the management node, which signs the chain heads; another node's database role may only read the certificates. */
    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    void registerCurrent() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        ServerSigningKey key = ServerSigningKey.installation();
        byte[] current = key.certificateSha256();
        Instant now = clock.instant();
        em.createNativeQuery("INSERT INTO signing_certificate (sha256, pem, registered_ts) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, current).setParameter(2, Pem.of(key.certificate())).setParameter(3, now).executeUpdate();
        em.createNativeQuery("UPDATE signing_certificate SET retired_ts = ?1 WHERE sha256 <> ?2 AND retired_ts IS NULL")
                .setParameter(1, now).setParameter(2, current).executeUpdate();
    }

    /**
     * Whether {@code signature} over {@code statement}, made at {@code signedAt}, is by the key of
     * the certificate {@code signerSha256} (null: the key in use now), a certificate of this
     * installation's CA.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean verifies(byte[] signerSha256, byte[] statement, byte[] signature, Instant signedAt) {
        ServerSigningKey key = ServerSigningKey.installation();
        if (signerSha256 == null || Arrays.equals(signerSha256, key.certificateSha256())) {
            return key.verify(statement, signature);
        }
        return certificate(signerSha256).filter(c -> issuedByInstallationCa(c, signedAt))
                .map(c -> verify(c, statement, signature)).orElse(false);
    }

    /** Whether {@code signature} is by any signing key this installation ever had (the signer not named). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean verifiesByAny(byte[] statement, byte[] signature, Instant signedAt) {
        if (ServerSigningKey.installation().verify(statement, signature)) {
            return true;
        }
        @SuppressWarnings("unchecked")
        List<String> pems = em.createNativeQuery("SELECT pem FROM signing_certificate").getResultList();
        return pems.stream().map(Pem::certificate).anyMatch(c -> issuedByInstallationCa(c, signedAt) && verify(c, statement, signature));
    }

    private Optional<X509Certificate> certificate(byte[] sha256) {
        @SuppressWarnings("unchecked")
        List<String> pems = em.createNativeQuery("SELECT pem FROM signing_certificate WHERE sha256 = ?1").setParameter(1, sha256)
                .getResultList();
        return pems.stream().findFirst().map(Pem::certificate).filter(c -> Arrays.equals(sha256, sha256(c)));
    }

    private static boolean issuedByInstallationCa(X509Certificate certificate, Instant signedAt) {
        List<X509Certificate> chain = ServerSigningKey.installation().chain();
        X509Certificate ca = chain.get(chain.size() - 1);
        try {
            certificate.verify(ca.getPublicKey());
            certificate.checkValidity(Date.from(signedAt));
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean verify(X509Certificate certificate, byte[] statement, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ServerSigningKey.ALGORITHM);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(statement);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // malformed signature bytes: no valid signature
        }
    }

    static byte[] sha256(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
