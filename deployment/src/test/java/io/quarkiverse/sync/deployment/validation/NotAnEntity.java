package io.quarkiverse.sync.deployment.validation;

/** A class without {@code @Entity}. */
public class NotAnEntity {
}
