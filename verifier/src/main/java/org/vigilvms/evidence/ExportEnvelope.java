package org.vigilvms.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataParser;
import org.bouncycastle.cms.CMSEnvelopedDataStreamGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.PasswordRecipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JcePasswordEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JcePasswordRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The optional password protection of an export that leaves the system (X.1453 C-3): CMS
 * EnvelopedData with a password recipient (RFC 3211: PBKDF2-HMAC-SHA256, AES-256 key wrap),
 * content AES-256-CBC. Integrity comes from the signed manifest inside.
 */
public final class ExportEnvelope {

    public static final int ITERATIONS = 310_000;
    // RFC 3211 key wrap is not in the JDK's providers; a private instance, never registered globally
    private static final Provider BC = new BouncyCastleProvider();

    private ExportEnvelope() {
    }

    /** Everything written to the returned stream is encrypted to {@code out}; closing it finishes the envelope. */
    public static OutputStream encrypting(OutputStream out, char[] password) throws IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        CMSEnvelopedDataStreamGenerator generator = new CMSEnvelopedDataStreamGenerator();
        generator.addRecipientInfoGenerator(new JcePasswordRecipientInfoGenerator(CMSAlgorithm.AES256_CBC, password)
                .setProvider(BC).setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)
                .setPRF(PasswordRecipient.PRF.HMacSHA256).setSaltAndIterationCount(salt, ITERATIONS));
        try {
            return generator.open(out, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build());
        } catch (CMSException e) {
            throw new IOException("cannot start the encrypted envelope: " + e.getMessage(), e);
        }
    }

    /** The clear content of an envelope; {@link WrongPasswordException} when the password does not open it. */
    public static InputStream decrypting(InputStream in, char[] password) throws IOException {
        try {
            CMSEnvelopedDataParser parser = new CMSEnvelopedDataParser(in);
            RecipientInformation recipient = parser.getRecipientInfos().getRecipients().iterator().next();
            return recipient.getContentStream(new JcePasswordEnvelopedRecipient(password).setProvider(BC)
                    .setPasswordConversionScheme(PasswordRecipient.PKCS5_SCHEME2_UTF8)).getContentStream();
        } catch (CMSException e) {
            throw new WrongPasswordException("the password does not open this export (" + e.getMessage() + ")");
        }
    }

    /** Whether the bytes start like an envelope (DER SEQUENCE) rather than a ZIP ("PK"). */
    public static boolean looksEncrypted(byte[] head) {
        return head.length > 0 && head[0] == 0x30;
    }

    public static final class WrongPasswordException extends IOException {
        public WrongPasswordException(String message) {
            super(message);
        }
    }
}
