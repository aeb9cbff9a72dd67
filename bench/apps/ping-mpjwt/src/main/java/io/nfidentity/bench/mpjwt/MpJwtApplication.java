package io.nfidentity.bench.mpjwt;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** WildFly's own MicroProfile JWT mechanism, configured in META-INF/microprofile-config.properties. */
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("admin")
@ApplicationPath("/api")
public class MpJwtApplication extends Application {}
