/**
 * GoTrue's webhooks: the lifecycle events posted to a URL, signed as GoTrue signs them, so Netlify's identity event
 * functions ({@code identity-validate}, {@code identity-signup}, {@code identity-login}) keep working unchanged. Not
 * public API.
 */
package io.nfidentity.impl.webhook;
