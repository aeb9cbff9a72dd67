package io.nfidentity.impl;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * CDI's {@link Event} without a container, for the unit tier: {@code fire} hands the event to the test's observers at
 * once (as a synchronous observer would see it), and records it.
 */
public final class DirectEvent<T> implements Event<T> {
    public final List<T> fired = new ArrayList<>();
    private final List<Consumer<T>> observers = new ArrayList<>();

    public DirectEvent<T> observe(Consumer<T> observer) {
        observers.add(observer);
        return this;
    }

    @Override
    public void fire(T event) {
        fired.add(event);
        observers.forEach(o -> o.accept(event));
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event) {
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        return CompletableFuture.completedFuture(event);
    }

    @Override
    public Event<T> select(Annotation... qualifiers) {
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        return (Event<U>) this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        return (Event<U>) this;
    }
}
