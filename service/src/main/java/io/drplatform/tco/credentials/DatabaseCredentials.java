package io.drplatform.tco.credentials;

/** A PostgreSQL login. {@link #toString()} never shows the password. */
public record DatabaseCredentials(String username, String password) {
    public DatabaseCredentials {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("database credentials need a username and a password");
        }
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[username=" + username + "]";
    }
}
