/** Access tokens (GoTrue-compatible HS256 JWTs) and opaque refresh tokens. Not public API. */
package io.nfidentity.impl.token;
