package io.nfidentity.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample's JSON API lives under {@code /api}. */
@ApplicationPath("/api")
public class SampleApplication extends Application {}
