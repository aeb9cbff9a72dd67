package io.nfidentity.impl.config;

/**
 * The protocols a sign-in provider speaks: each built-in OAuth 2.0 provider's own user API, or OpenID Connect
 * (Google, and every generic provider of {@code nf.identity.external.oidc}). A switch over it must name every kind, so
 * a new one cannot be forgotten where providers are built.
 */
public enum ProviderKind {
    /** OAuth 2.0 with GitHub's user and e-mail APIs. */
    GITHUB,
    /** OAuth 2.0 with GitLab's user API. */
    GITLAB,
    /** OAuth 2.0 with Bitbucket's user and e-mail APIs. */
    BITBUCKET,
    /** OpenID Connect: discovery, a verified ID token. */
    OIDC
}
