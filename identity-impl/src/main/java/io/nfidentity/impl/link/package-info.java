/** Mailed links: a recovery link asked for; a confirmation, invitation or recovery link followed. Not public API. */
package io.nfidentity.impl.link;
