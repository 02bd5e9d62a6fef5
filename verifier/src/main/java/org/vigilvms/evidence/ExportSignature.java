package org.vigilvms.evidence;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The manifest's signature: CMS SignedData, detached, by the server's signing key, with the
 * signing chain included and an RFC 3161 token over the signature value as the unsigned
 * attribute {@code id-aa-signatureTimeStampToken} (as CAdES-T does).
 */
public final class ExportSignature {

    private ExportSignature() {
    }

    /**
     * @param timeStamper gives a DER time-stamp token for a SHA-256 imprint
     * @return the DER bytes of {@code manifest.json.p7s}
     */
    public static byte[] sign(byte[] manifest, PrivateKey key, List<X509Certificate> chain, UnaryOperator<byte[]> timeStamper) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key), chain.get(0)));
            generator.addCertificates(new JcaCertStore(chain));
            CMSSignedData signed = generator.generate(new CMSProcessableByteArray(manifest), false);
            SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
            byte[] token = timeStamper.apply(ChainLink.sha256(signer.getSignature()));
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                    new DERSet(ASN1Primitive.fromByteArray(token))));
            SignerInformation stamped = SignerInformation.replaceUnsignedAttributes(signer, new AttributeTable(attributes));
            return CMSSignedData.replaceSigners(signed, new SignerInformationStore(stamped)).getEncoded("DER");
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the export manifest: " + e.getMessage(), e);
        }
    }
}
