/**
 * Sign-in by mail: a six-digit code and a link, mailed together ({@code POST /otp}, {@code /magiclink}), spent by
 * {@code /verify} with {@code type: email} or {@code magiclink}; it proves the mailbox as a provider's verified address
 * does. Not public API.
 */
package io.nfidentity.impl.otp;
