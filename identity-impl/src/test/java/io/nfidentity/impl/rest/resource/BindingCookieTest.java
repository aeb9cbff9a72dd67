package io.nfidentity.impl.rest.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cookie that binds a provider sign-in to its browser: {@code __Host-} wherever the callback is https. */
class BindingCookieTest {
    @Test
    void overHttpsTheBindingIsAHostCookieForTheWholeSite() {
        assertEquals(
                "__Host-nf_oauth=v; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=Lax",
                ExternalResource.binding("https://site.example/.netlify/identity/callback", false, "v", 600));
        assertEquals("__Host-nf_oauth", ExternalResource.bindingName("HTTPS://site.example/cb"));
    }

    @Test
    void overPlainHttpItStaysOnTheCallbackPath() {
        assertEquals(
                "nf_oauth=v; Path=/.netlify/identity/callback; Max-Age=600; HttpOnly; SameSite=Lax",
                ExternalResource.binding("http://127.0.0.1:8080/.netlify/identity/callback", false, "v", 600));
        assertEquals("nf_oauth", ExternalResource.bindingName("http://127.0.0.1:8080/.netlify/identity/callback"));
    }
}
