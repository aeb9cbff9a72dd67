package io.nfidentity.impl.rest;

import io.nfidentity.impl.rest.error.IdentityExceptionMapper;
import io.nfidentity.impl.rest.error.JsonExceptionMapper;
import io.nfidentity.impl.rest.error.JsonbExceptionMapper;
import io.nfidentity.impl.rest.error.ProcessingExceptionMapper;
import io.nfidentity.impl.rest.error.TransactionalExceptionMapper;
import io.nfidentity.impl.rest.error.UnexpectedExceptionMapper;
import io.nfidentity.impl.rest.error.WebApplicationExceptionMapper;
import io.nfidentity.impl.rest.filter.AdminOnlyFilter;
import io.nfidentity.impl.rest.filter.BodyLimitFilter;
import io.nfidentity.impl.rest.filter.CorsFilter;
import io.nfidentity.impl.rest.filter.DisabledApiFilter;
import io.nfidentity.impl.rest.filter.GoTrueOnlyFilter;
import io.nfidentity.impl.rest.filter.HostFilter;
import io.nfidentity.impl.rest.filter.NoStoreFilter;
import io.nfidentity.impl.rest.filter.NulFilter;
import io.nfidentity.impl.rest.json.GoTrueJsonWriter;
import io.nfidentity.impl.rest.json.IdParams;
import io.nfidentity.impl.rest.json.JsonBodyInterceptor;
import io.nfidentity.impl.rest.resource.AdminAuditResource;
import io.nfidentity.impl.rest.resource.AdminKeysResource;
import io.nfidentity.impl.rest.resource.AdminNotificationsResource;
import io.nfidentity.impl.rest.resource.AdminUsersResource;
import io.nfidentity.impl.rest.resource.ExternalResource;
import io.nfidentity.impl.rest.resource.GoTrueResource;
import io.nfidentity.impl.rest.resource.HealthResource;
import io.nfidentity.impl.rest.resource.JwksResource;
import io.nfidentity.impl.rest.resource.MetricsResource;
import io.nfidentity.impl.rest.resource.OpenApiResource;
import io.nfidentity.impl.rest.resource.PagesResource;
import io.nfidentity.impl.rest.resource.SelfResource;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The GoTrue-compatible API at {@code /.netlify/identity}, where Netlify's clients look for it. Deployed
 * automatically with the library; lists its classes so it serves nothing of the application's.
 *
 * <p>Every provider of the API (exception mappers, filters, the body limit, the JSON writer) is listed here and
 * nowhere else, so none of them touches the application's own resources, which keep their own errors, body sizes and
 * JSON provider. The one exception is {@link IdentityExceptionMapper}, for the module's own exception type only.
 *
 * <p>Why {@code /.netlify} with resources under {@code identity/...}: an application's own JAX-RS application scans
 * the library too and serves a second copy of these resources under its own path. Rooting them at
 * {@code identity/...} keeps that copy clear of the application's paths (its {@code /api/user} stays its own), and
 * {@link GoTrueOnlyFilter} answers 404 there.
 */
@ApplicationPath(GoTrueApplication.PATH)
public class GoTrueApplication extends Application {
    public static final String PATH = "/.netlify";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(
                AdminUsersResource.class,
                AdminAuditResource.class,
                AdminNotificationsResource.class,
                AdminKeysResource.class,
                JwksResource.class,
                PagesResource.class,
                ExternalResource.class,
                GoTrueResource.class,
                HealthResource.class,
                MetricsResource.class,
                OpenApiResource.class,
                SelfResource.class,
                io.nfidentity.impl.rest.resource.FactorsResource.class,
                io.nfidentity.impl.rest.resource.PasskeysResource.class,
                CorsFilter.class,
                NoStoreFilter.class,
                UnexpectedExceptionMapper.class,
                TransactionalExceptionMapper.class,
                GoTrueOnlyFilter.class,
                AdminOnlyFilter.class,
                BodyLimitFilter.class,
                IdentityExceptionMapper.class,
                WebApplicationExceptionMapper.class,
                ProcessingExceptionMapper.class,
                JsonbExceptionMapper.class,
                JsonExceptionMapper.class,
                JsonBodyInterceptor.class,
                GoTrueJsonWriter.class,
                IdParams.class,
                DisabledApiFilter.class,
                HostFilter.class,
                NulFilter.class);
    }
}
