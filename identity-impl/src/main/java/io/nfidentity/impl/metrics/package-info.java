/**
 * What an operator watches, as Prometheus metrics: logins by outcome, signups, refreshes and reuse, logouts,
 * rate-limit refusals, hashing queue and time, session-state reads, mails and notifications. Labels are fixed words,
 * never an address, a token or an id. Not public API.
 */
package io.nfidentity.impl.metrics;
