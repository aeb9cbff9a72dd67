/** What the implementation reads of the HTTP request it serves, where there is one. Not public API. */
package io.nfidentity.impl.web;
