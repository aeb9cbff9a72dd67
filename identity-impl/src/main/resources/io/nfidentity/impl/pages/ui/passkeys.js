// nf-identity's passkeys in the browser: an ES module without dependencies. Import it from the server that serves
// it (/.netlify/identity/ui/passkeys.js), so it calls that server's API:
//
//   import {register, signIn, supported} from '/.netlify/identity/ui/passkeys.js';
//   await register(accessToken, 'Laptop');         // a logged-in user adds a passkey (bearer token)
//   const session = await signIn({useCookie: true}); // anyone signs in with one; sets nf_jwt when asked
//
// Options and responses travel as WebAuthn's JSON forms; the server checks everything (origin, relying party,
// challenge, signature, counter), so this module only converts between JSON and the browser's binary values.
const BASE = new URL('../', import.meta.url).pathname; // /.netlify/identity/

/** An answer of the API that was not a success, with the server's code and message. */
export class PasskeyError extends Error {
  constructor(status, body) {
    super((body && (body.msg || body.error_description || body.message)) || ('HTTP ' + status));
    this.status = status;
    this.code = body && (body.error_code || body.error);
  }
}

/** Whether this browser can use passkeys at all. */
export function supported() {
  return typeof window !== 'undefined' && !!window.PublicKeyCredential && !!navigator.credentials;
}

const toBytes = text => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
const toText = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A PublicKeyCredential in WebAuthn's JSON form: its own fields, and the response's ceremony-specific ones. */
function asJson(credential, response) {
  return {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    authenticatorAttachment: credential.authenticatorAttachment || undefined,
    clientExtensionResults: credential.getClientExtensionResults(),
    response: {clientDataJSON: toText(credential.response.clientDataJSON), ...response},
  };
}

async function post(path, body, headers = {}) {
  const response = await fetch(BASE + path, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', ...headers},
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const result = text ? JSON.parse(text) : null;
  if (!response.ok) throw new PasskeyError(response.status, result);
  return result;
}

/**
 * Registers a new passkey for the user of the access token; answers the stored passkey
 * ({id, friendly_name, backup_eligible, backed_up, created_at}).
 */
export async function register(accessToken, friendlyName) {
  const auth = {Authorization: 'Bearer ' + accessToken};
  const options = await post('passkeys/registration/options', undefined, auth);
  const credential = await createCredential(options);
  return post('passkeys/registration/verify', {friendly_name: friendlyName, credential}, auth);
}

/** The browser's new credential for registration options, as the JSON the server verifies (not sent). */
export async function createCredential(options) {
  const credential = await navigator.credentials.create({publicKey: {
    ...options,
    challenge: toBytes(options.challenge),
    user: {...options.user, id: toBytes(options.user.id)},
    excludeCredentials: (options.excludeCredentials || []).map(c => ({...c, id: toBytes(c.id)})),
  }});
  const response = credential.response;
  return asJson(credential, {
    attestationObject: toText(response.attestationObject),
    transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
  });
}

/** The browser's assertion for authentication options, as the JSON the server verifies (not sent). */
export async function getAssertion(options) {
  const credential = await navigator.credentials.get({publicKey: {
    ...options,
    challenge: toBytes(options.challenge),
    allowCredentials: (options.allowCredentials || []).map(c => ({...c, id: toBytes(c.id)})),
  }});
  const response = credential.response;
  return asJson(credential, {
    authenticatorData: toText(response.authenticatorData),
    signature: toText(response.signature),
    userHandle: response.userHandle ? toText(response.userHandle) : undefined,
  });
}

/**
 * Signs in with a passkey the browser offers (discoverable credentials: no address asked). Answers the token
 * response ({access_token, refresh_token, expires_in, user}); with useCookie, the server also sets nf_jwt.
 */
export async function signIn({useCookie = false} = {}) {
  const options = await post('passkeys/authentication/options');
  const credential = await getAssertion(options);
  return post('passkeys/authentication/verify', {credential}, useCookie ? {'X-Use-Cookie': '1'} : {});
}

/** The passkeys of the access token's user. */
export async function list(accessToken) {
  const response = await fetch(BASE + 'passkeys', {headers: {Authorization: 'Bearer ' + accessToken}});
  const result = await response.json();
  if (!response.ok) throw new PasskeyError(response.status, result);
  return result;
}
