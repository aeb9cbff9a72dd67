/** JAX-RS plumbing: JSON errors in GoTrue's shape and the request body limit. Not public API. */
package io.nfidentity.impl.rest;
