/** Sessions: opening one, refresh rotation, logout, ending sessions. Not public API. */
package io.nfidentity.impl.session;
