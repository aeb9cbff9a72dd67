/** Wiring: the CDI producers of the implementation's parts, and what runs at deployment. Not public API. */
package io.nfidentity.impl.boot;
