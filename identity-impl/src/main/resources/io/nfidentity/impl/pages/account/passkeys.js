// The account page's passkeys: add one (the browser's own dialog), list them, remove one; and, on the login form,
// sign in with one. The WebAuthn conversions are the server's browser module (../ui/passkeys.js); the calls go through
// this page's API session (bearer token in memory), as every other call of the page.
import {api} from '../ui/api.js';
import {act, el, FAILED, status, t, when} from '../ui/dom.js';
import {createCredential, getAssertion, supported} from '../ui/passkeys.js';

/** The section of the account view; {@code refresh} redraws the page. */
export async function passkeysSection(refresh) {
  const section = el('section', {id: 'passkeys'}, el('h2', {}, t('passkeys.title')),
    el('p', {class: 'hint'}, t('passkeys.hint')));
  const list = await api.call('GET', 'passkeys').catch(() => null);
  if (list === null) return section; // passkeys switched off on this server: nothing to offer
  if (list.length) {
    section.append(el('ul', {id: 'passkey-list'}, list.map(p => el('li', {},
      el('strong', {}, p.friendly_name), ' ',
      p.backed_up ? el('span', {class: 'badge'}, t('passkeys.synced')) : '', ' ',
      t('passkeys.lastUsed', {when: when(p.last_used_at)}), ' ',
      el('button', {class: 'secondary', 'data-passkey': p.id, onclick: async () => {
        const r = await act(t('loading'), null, () => api.call('DELETE', 'passkeys/' + p.id));
        if (r === FAILED) return;
        await api.refresh(); // a level-2 token ended with the passkey
        await refresh();
        status(t('passkeys.removed'), 'ok');
      }}, t('passkeys.remove'))))));
  }
  if (supported()) {
    section.append(el('p', {}, el('button', {id: 'add-passkey', onclick: async () => {
      const r = await act(t('passkeys.adding'), null, async () => {
        const options = await api.call('POST', 'passkeys/registration/options');
        const credential = await createCredential(options);
        return api.call('POST', 'passkeys/registration/verify', {credential, friendly_name: t('passkeys.defaultName')});
      });
      if (r === FAILED) return;
      await refresh();
      status(t('passkeys.added'), 'ok');
    }}, t('passkeys.add'))));
  }
  return section;
}

/** The login form's button: sign in with a passkey the browser holds for this site; {@code done} shows the account. */
export function passkeySignIn(done) {
  if (!supported()) return '';
  return el('p', {}, el('button', {class: 'secondary', id: 'passkey-signin', onclick: async () => {
    const r = await act(t('login.working'), null, async () => {
      const options = await api.anonymous('POST', 'passkeys/authentication/options');
      const credential = await getAssertion(options);
      return api.anonymous('POST', 'passkeys/authentication/verify', {credential});
    });
    if (r === FAILED) return;
    api.adopt(r);
    status(t('passkeys.signedIn'), 'ok');
    done();
  }}, t('passkeys.signIn')));
}
