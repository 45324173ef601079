package io.issuehooks.security;

import java.util.Locale;

/** What a service account may do within its organisation (or, when scoped, within its team). */
public enum Role {
    ADMIN,
    MEMBER;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromJson(String value) {
        for (Role role : values()) {
            if (role.json().equals(value)) {
                return role;
            }
        }
        return null;
    }
}
