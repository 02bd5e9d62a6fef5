package org.vigilvms.setup;

/**
 * Where the server's database is. {@code password} null means: generate one (the embedded
 * database is then created with it).
 */
public record DatabaseSettings(String url, String user, String password) {

    public DatabaseSettings {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new SetupException("database URL must be jdbc:postgresql://..., got: " + url);
        }
        if (user == null || user.isBlank()) {
            throw new SetupException("database user is missing");
        }
    }
}
