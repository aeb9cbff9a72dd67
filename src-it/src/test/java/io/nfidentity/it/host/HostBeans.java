package io.nfidentity.it.host;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** A host application's own unqualified producers of general types, as many applications have. */
@ApplicationScoped
public class HostBeans {
    public static final Instant HOST_TIME = Instant.parse("2001-01-01T00:00:00Z");

    @Produces
    Clock clock() {
        return Clock.fixed(HOST_TIME, ZoneOffset.UTC);
    }

    @Produces
    DataSource dataSource() throws NamingException {
        return (DataSource)
                new InitialContext().lookup("java:comp/DefaultDataSource"); // the platform's default, on every server
    }
}
