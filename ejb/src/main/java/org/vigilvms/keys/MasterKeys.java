package org.vigilvms.keys;

import javax.crypto.SecretKey;
import org.vigilvms.platform.HardwareToken;

/**
 * Where the installation's master key is kept, and how a rotation adds the next key and retires
 * the old one: in files ({@link MasterKeyFiles}) or inside a PKCS#11 token
 * ({@link MasterKeyToken}). Either way the next key is kept before any value is sealed with it,
 * and the old one goes only after the database holds nothing sealed with it.
 */
public interface MasterKeys {

    /** The installation's keys, where the setup put them. */
    static MasterKeys installation() {
        return HardwareToken.configured() ? new MasterKeyToken(HardwareToken.installation())
                : new MasterKeyFiles(KeyVault.masterKeyFile());
    }

    /** A vault that seals with the current key and also opens with an unfinished rotation's key. */
    KeyVault vault();

    /** The key of an unfinished rotation when there is one, else a new key, kept before it is returned. */
    SecretKey next();

    /** After the rotation committed: {@code next} becomes the only key. */
    void finish(SecretKey next);
}
