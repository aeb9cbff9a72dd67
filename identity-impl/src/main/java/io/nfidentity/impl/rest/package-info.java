/**
 * The GoTrue-compatible REST API at {@code /.netlify/identity}: its resources, and the providers that serve it alone
 * (JSON errors in GoTrue's shape, the body limit, CORS, the JSON writer), registered in {@link
 * io.nfidentity.impl.rest.GoTrueApplication}. Not public API.
 */
package io.nfidentity.impl.rest;
