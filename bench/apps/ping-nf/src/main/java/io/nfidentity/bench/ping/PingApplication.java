package io.nfidentity.bench.ping;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The benchmark's own API; nf-identity's GoTrue API sits beside it at {@code /.netlify/identity}. */
@ApplicationPath("/api")
public class PingApplication extends Application {}
