package io.nfidentity;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CDI bean method (or every method of a bean) that only a caller at {@link AssuranceLevel#AAL2} may call: others get
 * {@link InsufficientAalException} (403 {@code insufficient_aal}), an anonymous caller
 * {@link NotAuthenticatedException}. Works beside {@code @RolesAllowed}, which checks roles as before; on a JAX-RS
 * resource class the exception becomes the 403 answer. The interceptor ships with the module and is enabled by its
 * priority, so no {@code beans.xml} entry is needed.
 */
@InterceptorBinding
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresFactor {}
