// The GoTrue API of this server, for the console and the account page. The session lives in this module's variables
// only: never in localStorage, sessionStorage or a cookie, so no other page and no script of the site can read it,
// and a reload asks for the password again.
const BASE = new URL('../', import.meta.url).pathname; // /.netlify/identity/

let session = null; // {access, refresh, expiresAt}

/** An answer of the API that was not a success, with the server's own message. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && (body.msg || body.error_description || body.message || body.error)) || ('HTTP ' + status));
    this.status = status;
    this.code = body && (body.error_code || body.error);
  }
}

async function read(response) {
  const text = await response.text();
  if (!text) return null;
  try { return JSON.parse(text); } catch { return text; }
}

async function grant(form) {
  const response = await fetch(BASE + 'token', {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded'},
    body: new URLSearchParams(form),
    credentials: 'omit',
  });
  const body = await read(response);
  if (!response.ok) throw new ApiError(response.status, body);
  take(body);
  return body;
}

function take(tokens) {
  session = {
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    expiresAt: Date.now() + (Number(tokens.expires_in) || 3600) * 1000,
  };
}

export const api = {
  base: BASE,
  loggedIn: () => session !== null,
  login: (email, password) => grant({grant_type: 'password', username: email, password}),
  /** Tokens a provider sign-in handed back in the fragment, or a factor's verification answered. */
  adopt: tokens => take(tokens),
  /** The session's assurance level, from its access token's aal claim: aal1 or aal2. */
  level() {
    if (!session) return null;
    const part = session.access.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part)).aal || 'aal1';
  },
  /** A refresh now (after a change that ended the current access token). */
  refresh: () => grant({grant_type: 'refresh_token', refresh_token: session.refresh}),
  forget: () => { session = null; },
  async logout() {
    if (session) {
      try { await this.call('POST', 'logout'); } finally { session = null; }
    }
  },
  /**
   * One call; JSON in and out. Options: {raw: body as is, type: its Content-Type, response: the Response too, blob:
   * the answer as a Blob, credentials: the fetch's}.
   */
  async call(method, path, body, options = {}) {
    if (!session) throw new ApiError(401, {msg: 'Not logged in'});
    if (Date.now() > session.expiresAt - 30000) {
      await grant({grant_type: 'refresh_token', refresh_token: session.refresh});
    }
    const headers = {Authorization: 'Bearer ' + session.access};
    let payload;
    if (body !== undefined && body !== null) {
      headers['Content-Type'] = options.type || 'application/json';
      payload = options.raw ? body : JSON.stringify(body);
    }
    // cookies only where a call sets one the browser must keep (the provider link's binding cookie)
    const response = await fetch(BASE + path, {method, headers, body: payload, credentials: options.credentials || 'omit'});
    const result = options.blob && response.ok ? await response.blob() : await read(response);
    if (!response.ok) throw new ApiError(response.status, result);
    return options.response ? {body: result, response} : result;
  },
  /** Public calls: /settings, /recover. */
  async anonymous(method, path, body) {
    const response = await fetch(BASE + path, {
      method,
      headers: body ? {'Content-Type': 'application/json'} : {},
      body: body ? JSON.stringify(body) : undefined,
      credentials: 'omit',
    });
    const result = await read(response);
    if (!response.ok) throw new ApiError(response.status, result);
    return result;
  },
};
