package io.quarkiverse.sync.it;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Stored by name ({@code HIGH}), written in JSON in lower case ({@code "high"}). */
public enum Priority {
    LOW,
    HIGH;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
