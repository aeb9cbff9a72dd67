package io.nfidentity.impl.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Tells the other nodes of a cluster that something changed, through PostgreSQL's {@code NOTIFY}: a revoked user's
 * id, or that the signing keys changed. A notice sent inside a transaction is delivered when it commits, and never if
 * it rolls back, so a node that hears it reads the new state. On H2 (one node) there is nobody to tell, and nothing is
 * sent.
 *
 * <p>Listening takes one connection of the pool for as long as the node runs, and needs the PostgreSQL driver's own
 * {@code getNotifications}, reached by reflection since the driver's classes are not visible to every deployment.
 */
public final class ChangeFeed {
    /** Payload: a user's id, whose cached session state is stale. */
    public static final String USERS = "nf_identity_users";
    /** Payload: empty; the signing keys changed. */
    public static final String KEYS = "nf_identity_keys";

    private final Jdbc jdbc;
    private final DataSource dataSource;

    public ChangeFeed(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    /** Whether notices reach other nodes (PostgreSQL). */
    public boolean available() {
        return jdbc.isPostgres();
    }

    /** Sends a notice, in the caller's transaction if there is one. */
    public void publish(String channel, String payload) {
        if (jdbc.isPostgres()) {
            jdbc.one("SELECT pg_notify(?, ?)", rs -> Boolean.TRUE, channel, payload);
        }
    }

    /**
     * Listens until {@code running} turns false or the connection fails (then it returns, and the caller reconnects).
     *
     * @param handlers what to do with a notice, by channel
     * @param listening called once the node is listening: notices sent before that were missed
     * @throws SQLException when the connection fails or cannot be made
     * @throws UnsupportedOperationException when the pool's connection does not lead to the PostgreSQL driver's
     */
    public void listen(Map<String, Consumer<String>> handlers, BooleanSupplier running, Runnable listening)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Object driverConnection = driverConnection(c);
            Method poll = method(driverConnection, "getNotifications", int.class);
            try (Statement s = c.createStatement()) {
                for (String channel : handlers.keySet()) {
                    s.execute("LISTEN " + channel); // our own constants: no user input reaches this
                }
            }
            listening.run();
            while (running.getAsBoolean()) {
                Object[] notices = (Object[]) invoke(poll, driverConnection, 500);
                if (notices == null) {
                    continue;
                }
                for (Object n : notices) {
                    String channel = (String) invoke(method(n, "getName"), n);
                    String payload = (String) invoke(method(n, "getParameter"), n);
                    Consumer<String> handler = handlers.get(channel);
                    if (handler != null) {
                        handler.accept(payload);
                    }
                }
            }
        }
    }

    /**
     * The driver's own connection under the pool's wrapper. Where the deployment sees the driver's classes (Payara,
     * GlassFish: the driver sits in the domain's lib/), JDBC's own {@code unwrap}; WildFly's (IronJacamar) wrapper
     * hides them, and says {@code getUnderlyingConnection()}; a pool that hands out the driver's connection itself
     * needs nothing.
     */
    private static Object driverConnection(Connection c) throws SQLException {
        Class<?> pg = driverInterface();
        if (pg != null && c.isWrapperFor(pg)) {
            return c.unwrap(pg);
        }
        Object current = c;
        for (int depth = 0; depth < 3; depth++) {
            if (hasMethod(current, "getNotifications")) {
                return current;
            }
            if (!hasMethod(current, "getUnderlyingConnection")) {
                break;
            }
            current = invoke(method(current, "getUnderlyingConnection"), current);
        }
        throw new UnsupportedOperationException("the datasource's connection does not lead to the PostgreSQL driver's ("
                + c.getClass().getName() + ")");
    }

    private static Class<?> driverInterface() {
        try {
            return Class.forName("org.postgresql.PGConnection", false, ChangeFeed.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static boolean hasMethod(Object target, String name) {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Method method(Object target, String name, Class<?>... parameters) throws SQLException {
        try {
            return target.getClass().getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new SQLException("no " + name + " on " + target.getClass().getName(), e);
        }
    }

    private static Object invoke(Method m, Object target, Object... args) throws SQLException {
        try {
            m.setAccessible(true);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        } catch (IllegalAccessException | RuntimeException e) {
            throw new SQLException(e);
        }
    }
}
