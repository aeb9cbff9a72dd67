package io.nfidentity.impl.config;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the module's own beans of general types ({@link java.time.Clock}, {@link javax.sql.DataSource}): a library is a
 * guest, and an unqualified producer of such a type would make an application that produces its own fail to deploy
 * with an ambiguous dependency.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface Internal {}
