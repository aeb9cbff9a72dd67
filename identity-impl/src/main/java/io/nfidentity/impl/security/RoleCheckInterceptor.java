package io.nfidentity.impl.security;

import io.nfidentity.AccessDeniedException;
import io.nfidentity.NotAuthenticatedException;
import io.nfidentity.User;
import io.nfidentity.impl.web.RequestState;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;

/**
 * Applies the security annotations of a plain CDI bean with the EJB rules: a method's annotation wins over its
 * class's; {@code @DenyAll} refuses everyone; {@code @PermitAll} admits everyone. Anonymous callers get
 * {@link NotAuthenticatedException} (401), callers without a role {@link AccessDeniedException} (403). Runs before
 * the platform's transactional interceptors, so a refused call never starts a transaction.
 */
@RoleChecked
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RoleCheckInterceptor {
    @Inject
    SecurityContext security;

    @Inject
    HttpServletRequest request;

    @AroundInvoke
    Object check(InvocationContext ctx) throws Exception {
        Method method = ctx.getMethod();
        Class<?> type = method.getDeclaringClass();
        if (method.isAnnotationPresent(PermitAll.class)) {
            return ctx.proceed();
        }
        if (method.isAnnotationPresent(DenyAll.class)) {
            throw new AccessDeniedException();
        }
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        if (roles == null) {
            if (type.isAnnotationPresent(DenyAll.class)) {
                throw new AccessDeniedException();
            }
            roles = type.getAnnotation(RolesAllowed.class);
        }
        if (roles != null) {
            if (anonymous() && verifiedCaller() == null) {
                throw new NotAuthenticatedException();
            }
            boolean allowed = false;
            for (String role : roles.value()) {
                allowed |= security.isCallerInRole(role);
            }
            if (!allowed) {
                // the container said no: on a server that grants only declared roles, the verified token decides
                User verified = verifiedCaller();
                allowed = verified != null
                        && verified.roles().stream().anyMatch(java.util.List.of(roles.value())::contains);
            }
            if (!allowed) {
                throw new AccessDeniedException();
            }
        }
        return ctx.proceed();
    }

    /**
     * The caller nf-identity's mechanism verified for this request, whose roles it handed the container. Asked when
     * the container says no, because servers differ in what {@code isCallerInRole} answers for a role the application
     * never declared (WildFly: the caller's groups; Payara: false unless declared in web.xml or {@code @DeclareRoles}).
     * The container's own answer comes first: on WildFly the common case costs what it did before.
     * Null outside an HTTP request (a timer, an asynchronous observer): the container alone decides there.
     */
    private User verifiedCaller() {
        try {
            return RequestState.user(request);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The spec's "not authenticated" is a {@code null} caller; WildFly hands Elytron's {@code AnonymousPrincipal} to
     * an unauthenticated caller in a WAR without security constraints (found by {@code WarDeploymentIT}), which
     * would otherwise be answered 403 instead of 401. Matched by name: the class is WildFly's, not a compile
     * dependency.
     */
    private boolean anonymous() {
        java.security.Principal caller = security.getCallerPrincipal();
        return caller == null
                || caller.getClass().getName().equals("org.wildfly.security.auth.principal.AnonymousPrincipal");
    }
}
