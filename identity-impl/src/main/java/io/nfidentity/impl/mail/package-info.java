/** The mails of the email flows: templates, links, and sending over SMTP with Jakarta Mail. Not public API. */
package io.nfidentity.impl.mail;
