/** Every error the implementation answers with, in one catalogue. Not public API. */
package io.nfidentity.impl.error;
