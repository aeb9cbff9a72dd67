package io.nfidentity.impl.security;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Internal binding that {@link RoleCheckExtension} adds to beans using the security annotations. */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RoleChecked {
    /** The annotation literal the extension adds. */
    final class Literal extends jakarta.enterprise.util.AnnotationLiteral<RoleChecked> implements RoleChecked {
        private static final long serialVersionUID = 1L;
        static final Literal INSTANCE = new Literal();
    }
}
