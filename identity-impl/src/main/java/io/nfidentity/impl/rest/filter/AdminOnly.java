package io.nfidentity.impl.rest.filter;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource (class or method) of the admin API: {@link AdminOnlyFilter} lets through only an administrator's bearer
 * token or the operator token ({@link AdminGate}), before the body is read. A method's annotation overrides its
 * class's.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AdminOnly {
    /**
     * Also a recent login (within {@code nf.identity.reauthentication-window}, 15 minutes when that is off): for what
     * one stolen token must not be enough for (exporting every hash, importing administrators, changing keys).
     */
    boolean recentLogin() default false;
}
