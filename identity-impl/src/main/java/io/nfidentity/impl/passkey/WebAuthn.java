package io.nfidentity.impl.passkey;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import io.nfidentity.impl.config.IdentityConfig;
import io.nfidentity.impl.error.Problem;
import io.nfidentity.impl.store.PasskeyStore.PasskeyRow;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What webauthn4j does for us: parsing a browser's registration and authentication responses (JSON, CBOR, COSE) and
 * verifying them against the challenge, the relying party's id, the allowed origins, the user-verification rule and
 * the stored credential's public key and counter. Nothing here trusts a response before webauthn4j verified it,
 * except reading the challenge it names, which only selects the stored challenge it must then match.
 */
final class WebAuthn {
    /** ES256, EdDSA and RS256, the algorithms authenticators use, in the order of preference. */
    static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

    private static final List<PublicKeyCredentialParameters> PARAMETERS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private static final ObjectConverter CONVERTER = new ObjectConverter();

    /** Attestation {@code none}: no attestation statement is checked, so the non-strict manager is the right one. */
    private static final WebAuthnManager MANAGER = WebAuthnManager.createNonStrictWebAuthnManager(CONVERTER);

    private final IdentityConfig.Passkeys config;
    private final Set<Origin> origins;

    WebAuthn(IdentityConfig.Passkeys config) {
        this.config = config;
        this.origins = config.origins().stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    /** A registration response, parsed but not yet verified. */
    static RegistrationData parseRegistration(String json) {
        try {
            RegistrationData data = MANAGER.parseRegistrationResponseJSON(json);
            if (data.getCollectedClientData() == null
                    || data.getCollectedClientData().getChallenge() == null) {
                throw Problem.PASSKEY_REFUSED.exception();
            }
            return data;
        } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
            throw Problem.PASSKEY_REFUSED.exception();
        }
    }

    /** An authentication response, parsed but not yet verified. */
    static AuthenticationData parseAuthentication(String json) {
        try {
            AuthenticationData data = MANAGER.parseAuthenticationResponseJSON(json);
            if (data.getCollectedClientData() == null
                    || data.getCollectedClientData().getChallenge() == null
                    || data.getCredentialId() == null) {
                throw Problem.PASSKEY_REFUSED.exception();
            }
            return data;
        } catch (DataConversionException | IllegalArgumentException | NullPointerException e) {
            throw Problem.PASSKEY_REFUSED.exception();
        }
    }

    /** The challenge the response's client data names, base64url: the key of the stored challenge it must match. */
    static String challengeOf(RegistrationData data) {
        return b64(data.getCollectedClientData().getChallenge().getValue());
    }

    static String challengeOf(AuthenticationData data) {
        return b64(data.getCollectedClientData().getChallenge().getValue());
    }

    private ServerProperty server(String challenge) {
        return ServerProperty.builder()
                .origins(origins)
                .rpId(config.rpId())
                .challenge(new DefaultChallenge(unb64(challenge)))
                .build();
    }

    /** Verifies a registration: the challenge, origin, relying party, user presence (and verification, if required). */
    void verify(RegistrationData data, String challenge) {
        try {
            MANAGER.verify(
                    data,
                    new RegistrationParameters(server(challenge), PARAMETERS, config.userVerificationRequired(), true));
        } catch (WebAuthnException | IllegalArgumentException e) {
            throw Problem.PASSKEY_REFUSED.exception();
        }
    }

    /** The credential to store from a verified registration. */
    static String credentialData(RegistrationData data) {
        AttestedCredentialData acd =
                data.getAttestationObject().getAuthenticatorData().getAttestedCredentialData();
        return b64(new AttestedCredentialDataConverter(CONVERTER).convert(acd));
    }

    static String credentialId(RegistrationData data) {
        return b64(data.getAttestationObject()
                .getAuthenticatorData()
                .getAttestedCredentialData()
                .getCredentialId());
    }

    static AuthenticatorData<?> authenticatorData(RegistrationData data) {
        return data.getAttestationObject().getAuthenticatorData();
    }

    /** Thrown for a counter that did not move forward: the caller audits it before refusing. */
    static final class CounterRegressed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CounterRegressed() {
            super(null, null, false, false);
        }
    }

    /**
     * Verifies an assertion against the stored passkey: the challenge, origin, relying party, signature, user presence
     * (and verification, if required), and a counter that moved forward.
     *
     * @throws CounterRegressed when all else held but the counter did not move forward
     */
    void verify(AuthenticationData data, String challenge, PasskeyRow passkey) {
        AttestedCredentialData acd =
                new AttestedCredentialDataConverter(CONVERTER).convert(unb64(passkey.credentialData()));
        CredentialRecordImpl record = new CredentialRecordImpl(
                new NoneAttestationStatement(),
                passkey.uvInitialized(),
                passkey.backupEligible(),
                passkey.backupState(),
                passkey.signCount(),
                acd,
                null,
                null,
                null,
                null);
        try {
            MANAGER.verify(
                    data,
                    new AuthenticationParameters(
                            server(challenge),
                            record,
                            List.of(unb64(passkey.credentialId())),
                            config.userVerificationRequired(),
                            true));
        } catch (MaliciousCounterValueException e) {
            throw new CounterRegressed();
        } catch (WebAuthnException | IllegalArgumentException e) {
            throw Problem.PASSKEY_REFUSED.exception();
        }
    }
}
