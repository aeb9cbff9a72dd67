package ${package};

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The application's own REST resources, under /api (nf-identity's GoTrue API is under /.netlify/identity). */
@ApplicationPath("/api")
public class HelloApplication extends Application {}
