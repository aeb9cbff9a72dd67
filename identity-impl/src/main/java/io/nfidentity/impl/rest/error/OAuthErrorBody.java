package io.nfidentity.impl.rest.error;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** OAuth 2.0's error shape (RFC 6749, 5.2), which the token endpoint answers with: {@code {"error","error_description"}}. */
@JsonbPropertyOrder({"error", "errorDescription"})
public record OAuthErrorBody(
        @JsonbProperty("error") String error, @JsonbProperty("error_description") String errorDescription) {}
