package org.vigilvms.evidence;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/** RFC 3161 time-stamp tokens as Vigil's own time-stamping authority issues them. */
public final class TimeStamps {

    /**
     * The TSA policy under which Vigil stamps: "the server's clock at the moment of signing, no
     * accuracy claimed beyond it". A UUID-derived OID (ITU-T X.667), so no registration is needed.
     */
    public static final String POLICY_OID = "2.25.255148618405935361546366473516417465447";

    private TimeStamps() {
    }

    /** A DER-encoded token over a SHA-256 imprint, signed by the TSA key whose certificate is {@code chain.get(0)}. */
    public static byte[] issue(byte[] sha256Imprint, PrivateKey tsaKey, List<X509Certificate> chain, BigInteger serial, Date time) {
        try {
            TimeStampTokenGenerator generator = new TimeStampTokenGenerator(
                    new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", tsaKey, chain.get(0)),
                    new JcaDigestCalculatorProviderBuilder().build().get(new DefaultDigestAlgorithmIdentifierFinder().find("SHA-256")),
                    new ASN1ObjectIdentifier(POLICY_OID));
            generator.addCertificates(new JcaCertStore(chain));
            TimeStampRequestGenerator request = new TimeStampRequestGenerator();
            request.setCertReq(true);
            TimeStampRequest req = request.generate(TSPAlgorithms.SHA256, sha256Imprint);
            return generator.generate(req, serial, time).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a time-stamp: " + e.getMessage(), e);
        }
    }
}
