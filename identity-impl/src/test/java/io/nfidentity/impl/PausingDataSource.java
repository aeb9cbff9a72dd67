package io.nfidentity.impl;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A real database whose queries can be held after they ran and before their caller sees the result, to put a
 * concurrent change exactly between a read and what the reader does with it.
 */
public final class PausingDataSource implements DataSource {
    private final DataSource real;
    private volatile String pauseOn;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch resume = new CountDownLatch(1);

    public PausingDataSource(DataSource real) {
        this.real = real;
    }

    /** The next query whose SQL contains {@code fragment} waits, after it ran, until {@link #resume()}. */
    public void pauseAfter(String fragment) {
        pauseOn = fragment;
    }

    /** Waits (at most 10 s) until a query is held. */
    public boolean awaitPaused() throws InterruptedException {
        return reached.await(10, TimeUnit.SECONDS);
    }

    public void resume() {
        resume.countDown();
    }

    @Override
    public Connection getConnection() throws java.sql.SQLException {
        return wrap(real.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws java.sql.SQLException {
        return wrap(real.getConnection(user, password));
    }

    private Connection wrap(Connection c) {
        return (Connection)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                    Object out = invoke(c, m, args);
                    if (m.getName().equals("prepareStatement") && args[0] instanceof String sql) {
                        return statement((PreparedStatement) out, sql);
                    }
                    return out;
                });
    }

    private PreparedStatement statement(PreparedStatement s, String sql) {
        return (PreparedStatement) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, (p, m, args) -> {
                    Object out = invoke(s, m, args);
                    String fragment = pauseOn;
                    if (m.getName().equals("executeQuery") && fragment != null && sql.contains(fragment)) {
                        pauseOn = null;
                        reached.countDown();
                        resume.await(10, TimeUnit.SECONDS);
                    }
                    return out;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws java.sql.SQLException {
        return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws java.sql.SQLException {
        real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws java.sql.SQLException {
        real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws java.sql.SQLException {
        return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
        return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
        return real.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws java.sql.SQLException {
        return real.isWrapperFor(iface);
    }
}
