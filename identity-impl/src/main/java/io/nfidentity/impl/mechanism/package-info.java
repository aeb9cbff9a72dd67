/** The Jakarta Security authentication mechanism that reads nf_jwt / Bearer and refreshes from nf_refresh. Not public API. */
package io.nfidentity.impl.mechanism;
