package io.nfidentity.sample;

/** The body of {@code POST /api/login} and {@code POST /api/signup}. */
public record Credentials(String email, String password) {}
