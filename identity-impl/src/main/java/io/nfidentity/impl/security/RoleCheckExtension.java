package io.nfidentity.impl.security;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * WildFly enforces {@code @RolesAllowed} on EJBs and (with {@code resteasy.role.based.security}) on JAX-RS resources,
 * but not on plain CDI beans. This extension marks every other bean that uses the annotations with
 * {@link RoleChecked}, so {@link RoleCheckInterceptor} enforces them there too. EJBs are left alone: their container
 * already checks them, with its own exception.
 */
public class RoleCheckExtension implements Extension {
    private static final List<String> EJB_ANNOTATIONS = List.of(
            "jakarta.ejb.Stateless", "jakarta.ejb.Stateful", "jakarta.ejb.Singleton", "jakarta.ejb.MessageDriven");

    <T> void markSecuredBeans(
            @Observes @WithAnnotations({RolesAllowed.class, PermitAll.class, DenyAll.class})
                    ProcessAnnotatedType<T> event) {
        AnnotatedType<T> type = event.getAnnotatedType();
        if (isEjb(type)
                || type.getJavaClass().isInterface()
                || type.getJavaClass().isAnnotation()) {
            return;
        }
        boolean classLevel = type.isAnnotationPresent(RolesAllowed.class) || type.isAnnotationPresent(DenyAll.class);
        boolean methodLevel = type.getMethods().stream()
                .anyMatch(m -> m.isAnnotationPresent(RolesAllowed.class) || m.isAnnotationPresent(DenyAll.class));
        if (classLevel || methodLevel) {
            event.configureAnnotatedType().add(RoleChecked.Literal.INSTANCE);
        }
    }

    private static boolean isEjb(AnnotatedType<?> type) {
        for (Annotation a : type.getAnnotations()) {
            if (EJB_ANNOTATIONS.contains(a.annotationType().getName())) {
                return true;
            }
        }
        return false;
    }
}
