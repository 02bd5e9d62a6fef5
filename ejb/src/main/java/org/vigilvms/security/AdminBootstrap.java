package org.vigilvms.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import org.vigilvms.audit.AuditEvent;
import org.vigilvms.audit.AuditLog;
import org.vigilvms.logging.VigilLog;
import org.vigilvms.platform.InstallationPaths;
import org.vigilvms.platform.NodeRole;
import org.vigilvms.platform.NodeRoles;

/**
 * First start: when no local user exists, creates the administrator {@code admin} with a one-time
 * password that must be changed at first login. There is no default password: either the
 * launcher generated one and left its bcrypt hash in {@code bootstrap/admin.bcrypt} (it prints the
 * password to whoever started it), or this bean generates one and writes it to
 * {@code bootstrap/admin.password}, readable only by the server's own user. The password never
 * goes to a log (logs are copied to SIEMs and support tickets); the file is deleted as soon as
 * the password is changed ({@link AccountService}).
 */
@PermitAll // internal service: not exposed to users; callers are other services and timers
@Singleton
@Startup
public class AdminBootstrap {

    @Inject
    private NodeRoles roles;

    public static final String ADMIN = "admin";
    static final String BOOTSTRAP_FILE = "admin.bcrypt";
    /** Where a generated one-time password waits for the administrator (owner-only). */
    public static final String PASSWORD_FILE = "admin.password";

    @PersistenceContext(unitName = "vigil")
    private EntityManager em;

    @Inject
    private InstallationPaths paths;

    @Inject
    private AuditLog audit;

    @Inject
    private Clock clock;

    @PostConstruct
    void createFirstAdministrator() {
        if (!roles.has(NodeRole.MANAGEMENT)) {
            return;
        }
        long users = em.createQuery("SELECT count(u) FROM AppUser u", Long.class).getSingleResult();
        if (users > 0) {
            return;
        }
        Path bootstrap = paths.bootstrapDir().resolve(BOOTSTRAP_FILE);
        String hash = readBootstrapHash(bootstrap);
        if (hash != null) {
            em.persist(new AppUser(ADMIN, hash, true, clock.instant(), Set.of("admin")));
            VigilLog.LOG.firstAdminFromBootstrap(ADMIN);
        } else {
            String password = oneTimePassword();
            em.persist(new AppUser(ADMIN, PasswordHasher.hash(password.toCharArray()), true, clock.instant(),
                    Set.of("admin")));
            Path file = paths.bootstrapDir().resolve(PASSWORD_FILE);
            writeOwnerOnly(file, password);
            VigilLog.LOG.firstAdminGenerated(ADMIN, file);
        }
        audit.record("system", "user.bootstrap", ADMIN, AuditEvent.Outcome.SUCCESS,
                "first administrator created, password change required");
    }

    private static void writeOwnerOnly(Path file, String password) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the first administrator's password file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The first administrator chose their own password: the generated one is of no use any more. */
    public void passwordChanged() {
        try {
            Files.deleteIfExists(paths.bootstrapDir().resolve(PASSWORD_FILE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete the one-time password file: " + e.getMessage(), e);
        }
    }

    private static String readBootstrapHash(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String hash = Files.readString(file, StandardCharsets.US_ASCII).trim();
            Files.delete(file);
            return hash.startsWith("$2a$") ? hash : null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bootstrap file " + file + ": " + e.getMessage(), e);
        }
    }

    private static String oneTimePassword() {
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
