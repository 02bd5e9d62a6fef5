package org.vigilvms.setup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wildfly.security.auth.server.IdentityCredentials;
import org.wildfly.security.credential.PasswordCredential;
import org.wildfly.security.credential.store.CredentialStore;
import org.wildfly.security.credential.store.CredentialStoreException;
import org.wildfly.security.credential.store.WildFlyElytronCredentialStoreProvider;
import org.wildfly.security.credential.store.impl.KeyStoreCredentialStore;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.ClearPassword;

/**
 * The installation's Elytron credential store (PKCS#12), the one place secrets are kept. WildFly
 * reads it as {@code /subsystem=elytron/credential-store=vigil-cs}; this class creates and fills it.
 */
public final class SecretStore {

    private static final Provider[] PROVIDERS = {
            WildFlyElytronCredentialStoreProvider.getInstance(), WildFlyElytronPasswordProvider.getInstance()};

    private final CredentialStore store;
    private final Path file;

    private SecretStore(CredentialStore store, Path file) {
        this.store = store;
        this.file = file;
    }

    /** Opens the store at {@code file}, creating it when {@code create} is set and it is missing. */
    public static SecretStore open(Path file, char[] storePassword, boolean create) {
        if (!create && !Files.isRegularFile(file)) {
            throw new SetupException("credential store " + file + " does not exist; run the setup first");
        }
        try {
            CredentialStore store = CredentialStore.getInstance(KeyStoreCredentialStore.KEY_STORE_CREDENTIAL_STORE,
                    WildFlyElytronCredentialStoreProvider.getInstance());
            store.initialize(Map.of("location", file.toString(), "create", Boolean.toString(create),
                            "modifiable", "true", "keyStoreType", "PKCS12"),
                    new CredentialStore.CredentialSourceProtectionParameter(IdentityCredentials.NONE.withCredential(
                            new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR,
                                    storePassword)))),
                    PROVIDERS);
            return new SecretStore(store, file);
        } catch (Exception e) {
            throw new SetupException("cannot open credential store " + file + ": " + e.getMessage(), e);
        }
    }

    public Optional<String> get(String alias) {
        try {
            if (!store.exists(alias, PasswordCredential.class)) {
                return Optional.empty();
            }
            PasswordCredential credential = store.retrieve(alias, PasswordCredential.class);
            return Optional.of(new String(credential.getPassword(ClearPassword.class).getPassword()));
        } catch (CredentialStoreException e) {
            throw new SetupException("cannot read alias " + alias + ": " + e.getMessage(), e);
        }
    }

    /** Every alias the store holds. */
    public Set<String> aliases() {
        try {
            return Set.copyOf(store.getAliases());
        } catch (CredentialStoreException e) {
            throw new SetupException("cannot list the credential store " + file + ": " + e.getMessage(), e);
        }
    }

    public String require(String alias) {
        return get(alias).orElseThrow(() -> new SetupException("alias " + alias + " missing from the credential store"));
    }

    /** The secret under {@code alias}, generated and stored first if absent. */
    public String getOrGenerate(String alias) {
        return get(alias).orElseGet(() -> {
            String secret = Passwords.generate();
            put(alias, secret);
            return secret;
        });
    }

    public void put(String alias, String secret) {
        try {
            store.store(alias, new PasswordCredential(ClearPassword.createRaw(ClearPassword.ALGORITHM_CLEAR,
                    secret.toCharArray())));
            store.flush();
        } catch (Exception e) {
            throw new SetupException("cannot store alias " + alias + ": " + e.getMessage(), e);
        }
        // a flush rewrites the file: restrict it again
        FilePermissions.ownerOnly(file);
    }
}
