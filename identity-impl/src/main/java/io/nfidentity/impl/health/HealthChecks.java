package io.nfidentity.impl.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * {@link Health} as MicroProfile Health checks, named {@code nf-identity}, for the server's own {@code /health/ready},
 * {@code /health/live} and {@code /health/started} (WildFly: on the management port, with the
 * {@code microprofile-health-smallrye} subsystem; Payara: on the HTTP port). On a server without MicroProfile Health
 * this class cannot load and CDI skips it: GoTrue's {@code /health} still answers.
 */
@ApplicationScoped
public class HealthChecks {
    static final String NAME = "nf-identity";

    private final Health health;

    @Inject
    public HealthChecks(Health health) {
        this.health = health;
    }

    /** For the container's client proxy only. */
    protected HealthChecks() {
        this(null);
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> response(health.readiness());
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> response(health.liveness());
    }

    @Produces
    @Startup
    HealthCheck startup() {
        return () -> response(health.startup());
    }

    private static HealthCheckResponse response(Health.Report report) {
        HealthCheckResponseBuilder b = HealthCheckResponse.named(NAME).status(report.up());
        report.data().forEach(b::withData);
        return b.build();
    }
}
