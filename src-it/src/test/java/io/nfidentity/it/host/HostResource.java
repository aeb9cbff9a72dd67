package io.nfidentity.it.host;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.time.Clock;
import javax.sql.DataSource;

/** The host application's own API, beside nf-identity's. */
@Path("host")
@RequestScoped
public class HostResource {
    @Inject
    Clock clock;

    @Inject
    DataSource dataSource;

    /** Accepts any JSON body the host wants to accept, a megabyte included. */
    @POST
    @Path("echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.TEXT_PLAIN)
    public String echo(String body) {
        return Integer.toString(body.length());
    }

    @GET
    @Path("teapot")
    public String teapot() {
        throw new WebApplicationException(418);
    }

    @GET
    @Path("refuse")
    public String refuse() {
        throw new HostException("no");
    }

    /** The host's own beans are the ones injected into the host's code. */
    @GET
    @Path("beans")
    @Produces(MediaType.TEXT_PLAIN)
    public String beans() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return clock.instant() + " " + c.getMetaData().getDatabaseProductName();
        }
    }
}
