package io.nfidentity.impl.facade;

import io.nfidentity.Identity;
import io.nfidentity.RequiresFactor;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * {@link RequiresFactor}: the method runs only for a caller at level 2. Enabled for the whole application by its
 * priority (before the application's own interceptors, after the platform's), so no {@code beans.xml} entry is needed.
 */
@RequiresFactor
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE + 10)
public class RequiresFactorInterceptor {
    @Inject
    Identity identity;

    @AroundInvoke
    public Object requireLevel2(InvocationContext ctx) throws Exception {
        identity.requireAal2();
        return ctx.proceed();
    }
}
