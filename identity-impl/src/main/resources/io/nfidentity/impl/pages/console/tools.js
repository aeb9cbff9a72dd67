// Signing keys, and moving users in and out (import, export).
import {api} from '../ui/api.js';
import {act, el, FAILED, show, status, t, when} from '../ui/dom.js';
import {heading, table} from './common.js';

const main = document.getElementById('main');

// ------------------------------------------------------------------------------------------------------ keys

export async function keysView() {
  const body = await act(t('loading'), '', () => api.call('GET', 'admin/keys'));
  if (body === FAILED) return;
  const keys = body.keys || [];
  const run = (path, message) => async () => {
    const r = await act(t('loading'), null, () => api.call('POST', path));
    if (r === FAILED) return;
    await keysView();
    status(message, 'ok');
  };
  const rows = keys.map(k => [el('code', {}, k.kid), k.algorithm, el('span', {class: 'badge'}, k.state),
    when(k.created_at),
    el('div', {class: 'actions'},
      k.state === 'next' ? el('button', {onclick: run('admin/keys/' + encodeURIComponent(k.kid) + '/promote',
        t('keys.promoted', {kid: k.kid}))}, t('keys.promote')) : null,
      k.state === 'previous' ? el('button', {class: 'secondary', onclick: run(
        'admin/keys/' + encodeURIComponent(k.kid) + '/retire', t('keys.retired', {kid: k.kid}))}, t('keys.retire'))
        : null)]);
  show(main, heading(t('keys.title')), el('p', {class: 'hint'}, t('keys.hint')),
    el('section', {}, table([t('keys.kid'), t('keys.algorithm'), t('keys.state'), t('keys.created'), ''], rows,
      t('keys.none')),
    el('p', {}, el('button', {id: 'add-key', onclick: run('admin/keys', t('keys.added'))}, t('keys.add')))));
}

// ------------------------------------------------------------------------------------------------------ transfer

export function transferView() {
  const hashes = el('input', {type: 'checkbox', id: 'hashes'});
  const download = el('p', {id: 'download'});
  const exportButton = el('button', {id: 'export', onclick: async () => {
    const blob = await act(t('loading'), null, () => api.call('GET',
      'admin/users/export' + (hashes.checked ? '?password_hashes=true' : ''), null, {blob: true}));
    if (blob === FAILED) return;
    const count = (await blob.text()).split('\n').filter(Boolean).length;
    show(download, el('a', {href: URL.createObjectURL(blob), download: 'users.jsonl', id: 'download-link'},
      t('transfer.download')));
    status(t('transfer.exported', {count}), 'ok');
  }}, t('transfer.export'));
  const file = el('input', {type: 'file', id: 'import-file', accept: '.jsonl,.ndjson,.json,application/x-ndjson'});
  const report = el('div', {id: 'import-report'});
  const importForm = el('form', {onsubmit: async e => {
    e.preventDefault();
    if (!file.files.length) { status(t('transfer.noFile'), 'error'); return; }
    const text = await file.files[0].text();
    const r = await act(t('loading'), null, () => api.call('POST', 'admin/users/import', text,
      {raw: true, type: 'application/x-ndjson'}));
    if (r === FAILED) return;
    status(t('transfer.imported', {imported: r.imported, refused: r.refused_total}), r.refused_total ? 'error' : 'ok');
    show(report, table([t('transfer.line'), t('transfer.reason')], (r.refused || []).map(x => [x.line, x.reason]),
      ''));
  }}, el('label', {for: 'import-file'}, el('span', {}, t('transfer.file')), file),
  el('button', {type: 'submit'}, t('transfer.import')));
  show(main, heading(t('nav.transfer')),
    el('section', {}, el('h2', {}, t('transfer.exportTitle')), el('p', {class: 'hint'}, t('transfer.exportHint')),
      el('label', {class: 'check', for: 'hashes'}, hashes, el('span', {}, t('transfer.hashes'))), exportButton,
      download),
    el('section', {}, el('h2', {}, t('transfer.importTitle')), el('p', {class: 'hint'}, t('transfer.importHint')),
      importForm, report));
}
