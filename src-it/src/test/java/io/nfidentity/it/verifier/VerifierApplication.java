package io.nfidentity.it.verifier;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Another team's service on the same server: it holds no nf-identity secret and no nf-identity jar, and checks
 * {@code nf_jwt} tokens with WildFly's own MicroProfile JWT against nf-identity's JWKS.
 */
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("member")
@ApplicationPath("/api")
public class VerifierApplication extends Application {}
