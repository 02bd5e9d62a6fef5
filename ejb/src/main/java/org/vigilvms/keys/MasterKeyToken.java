package org.vigilvms.keys;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Comparator;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.HardwareToken;

/**
 * The master key inside a PKCS#11 token: AES-256 objects labelled {@code vigil-master-<n>},
 * generated in the token, sensitive and not extractable. The lowest generation present is the
 * current key; a higher one is the key of a rotation that has not finished (the vault opens with
 * it too). A rotation generates the next generation in the token and deletes the older ones once
 * it committed.
 */
final class MasterKeyToken implements MasterKeys {

    static final String PREFIX = "vigil-master-";

    private final HardwareToken token;

    MasterKeyToken(HardwareToken token) {
        this.token = token;
    }

    @Override
    public KeyVault vault() {
        List<Integer> generations = generations();
        if (generations.isEmpty()) {
            throw new IllegalStateException("the PKCS#11 token holds no master key (" + PREFIX + "1); run the setup again");
        }
        SecretKey current = key(generations.get(0));
        SecretKey unfinished = generations.size() > 1 ? key(generations.get(generations.size() - 1)) : null;
        return new KeyVault(current, unfinished, token.provider());
    }

    @Override
    public SecretKey next() {
        List<Integer> generations = generations();
        int newest = generations.get(generations.size() - 1);
        if (generations.size() > 1) {
            return key(newest);
        }
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES", token.provider());
            generator.init(256);
            token.keys().setEntry(PREFIX + (newest + 1), new KeyStore.SecretKeyEntry(generator.generateKey()), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the new master key in the PKCS#11 token: " + e.getMessage(), e);
        }
        return key(newest + 1);
    }

    @Override
    public void finish(SecretKey next) {
        List<Integer> generations = generations();
        for (int generation : generations.subList(0, generations.size() - 1)) {
            try {
                token.keys().deleteEntry(PREFIX + generation);
            } catch (GeneralSecurityException e) {
                VigilLog.LOG.oldMasterKeyNotDeleted(PREFIX + generation, e.getMessage());
            }
        }
    }

    /** The generations of master keys the token holds, oldest first. */
    private List<Integer> generations() {
        return token.aliases().stream().filter(a -> a.matches(PREFIX + "\\d{1,9}"))
                .map(a -> Integer.parseInt(a.substring(PREFIX.length()))).sorted(Comparator.naturalOrder()).toList();
    }

    /** A handle on the token's key of that generation. */
    private SecretKey key(int generation) {
        try {
            SecretKey key = (SecretKey) token.keys().getKey(PREFIX + generation, null);
            if (key == null) {
                throw new IllegalStateException("the PKCS#11 token holds no " + PREFIX + generation);
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + PREFIX + generation + " from the PKCS#11 token: " + e.getMessage(), e);
        }
    }
}
