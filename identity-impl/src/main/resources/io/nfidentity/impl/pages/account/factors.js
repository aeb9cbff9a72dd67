// The account page's second factors (Supabase's /factors API): add an authenticator app (its QR code, then its first
// code), see the recovery codes once, step this session up with a code, remove a factor, get new recovery codes.
// Adding a first factor needs a login within minutes; every later change needs this session at level 2.
import {api} from '../ui/api.js';
import {act, el, field, FAILED, status, t, when} from '../ui/dom.js';

/** The section for the user {@code me} (GET /user); {@code refresh} redraws the page. */
export async function factorsSection(me, refresh) {
  const factors = me.factors || [];
  const verified = factors.filter(f => f.status === 'verified');
  const level = api.level();
  const section = el('section', {id: 'factors'}, el('h2', {}, t('factors.title')),
    el('p', {class: 'hint'}, verified.length
      ? t(level === 'aal2' ? 'factors.level2' : 'factors.level1')
      : t('factors.none')));

  if (verified.length && level !== 'aal2') {
    section.append(codeForm('step-up', t('factors.stepUp'), verified[0].id, async body => {
      api.adopt(body);
      await refresh();
      status(t('factors.steppedUp'), 'ok');
    }));
  }
  if (factors.length) {
    section.append(el('ul', {id: 'factor-list'}, factors.map(f => el('li', {},
      el('strong', {}, f.friendly_name || t('factors.unnamed')), ' ',
      el('span', {class: 'badge'}, t(f.status === 'verified' ? 'factors.verified' : 'factors.unverified')), ' ',
      t('factors.added', {when: when(f.created_at)}), ' ',
      el('button', {class: 'secondary', 'data-factor': f.id, onclick: async () => {
        const r = await act(t('loading'), null, () => api.call('DELETE', 'factors/' + f.id));
        if (r === FAILED) return;
        await api.refresh(); // its level-2 token ended with the factor
        await refresh();
        status(t('factors.removed'), 'ok');
      }}, t('factors.remove'))))));
  }
  const name = el('input', {id: 'factor-name', value: 'Authenticator app', maxlength: '100'});
  section.append(el('form', {class: 'inline', id: 'enroll-form', onsubmit: async e => {
    e.preventDefault();
    const r = await act(t('loading'), null, () => api.call('POST', 'factors',
      {factor_type: 'totp', friendly_name: name.value}));
    if (r !== FAILED) section.append(enrolment(r, refresh));
  }}, el('label', {for: 'factor-name'}, el('span', {}, t('factors.name')), name),
  el('button', {type: 'submit'}, t('factors.add'))));
  if (verified.length && level === 'aal2') {
    section.append(el('p', {}, el('button', {class: 'secondary', id: 'new-codes', onclick: async () => {
      const r = await act(t('loading'), null, () => api.call('POST', 'factors/recovery-codes'));
      if (r !== FAILED) section.append(codesList(r.recovery_codes));
    }}, t('factors.newCodes'))));
  }
  return section;
}

/** The new factor's QR code and secret, and the form for its first code. */
function enrolment(factor, refresh) {
  const qr = el('img', {id: 'factor-qr', width: '200', height: '200', alt: t('factors.qrAlt'),
    src: 'data:image/svg+xml;utf-8,' + encodeURIComponent(factor.totp.qr_code)});
  const box = el('div', {id: 'enrolment'}, el('p', {}, t('factors.scan')), qr,
    el('p', {}, t('factors.secret'), ' ', el('code', {id: 'factor-secret'}, factor.totp.secret)));
  box.append(codeForm('first-code', t('factors.firstCode'), factor.id, async body => {
    api.adopt(body);
    await refresh();
    if (body.recovery_codes) {
      document.getElementById('factors').append(codesList(body.recovery_codes));
    }
    status(t('factors.enrolled'), 'ok');
  }));
  return box;
}

/** A code (or a recovery code) for a new challenge of the factor; {@code done} gets the level-2 token answer. */
function codeForm(id, label, factorId, done) {
  const form = el('form', {class: 'inline', id: id + '-form', onsubmit: async e => {
    e.preventDefault();
    const code = new FormData(form).get('code').trim();
    const r = await act(t('loading'), null, async () => {
      const challenge = await api.call('POST', 'factors/' + factorId + '/challenge');
      return api.call('POST', 'factors/' + factorId + '/verify', {challenge_id: challenge.id, code});
    });
    if (r !== FAILED) await done(r);
  }}, field(label, {name: 'code', id: id + '-code', required: true, autocomplete: 'one-time-code',
    inputmode: 'text', maxlength: '20'}),
  el('button', {type: 'submit'}, t('factors.verify')));
  return form;
}

function codesList(codes) {
  return el('div', {id: 'recovery-codes'}, el('p', {}, t('factors.codesHint')),
    el('ul', {}, codes.map(c => el('li', {}, el('code', {}, c)))));
}
