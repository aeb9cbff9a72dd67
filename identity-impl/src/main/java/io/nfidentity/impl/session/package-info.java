/** Sessions: login, signup, refresh rotation, logout, cookies, the origin check and the facade. Not public API. */
package io.nfidentity.impl.session;
