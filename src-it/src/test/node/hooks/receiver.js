// A receiver of nf-identity's asynchronous notifications, for NotificationsIT and bench/cluster.sh. It checks every
// delivery the way a receiver would: GoTrue's x-webhook-signature with jsonwebtoken (HS256, issuer "gotrue", the body's
// SHA-256) and the Standard Webhooks headers with the scheme's own npm library; and it drops a repeat by its delivery
// id (webhook-id), answering it 200 without taking it twice.
//
//   node receiver.js <port> <secret>       the secret as configured in nf.identity.notify.secret (whsec_... or text)
//
// What the user's address says decides the answer, so a test needs no set-up call:
//   fail<N>-...@   500 to the first N tries of each delivery, then 200
//   failalways-...@  500, always
//   hang-...@      holds the request open until POST /release (then answers 200, and later tries are taken at once)
// GET /deliveries -> {"bad_signature": n, "held": n, "held_ports": [the held requests' client ports],
//                     "deliveries": {id: {event, email, tries, taken, repeats, payload}}}
const http = require('http');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');
const {Webhook} = require('standardwebhooks');

const [port, secret] = process.argv.slice(2);
const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
const standard = new Webhook(secret.startsWith('whsec_') ? secret : Buffer.from(secret, 'utf8').toString('base64'));
const state = {bad_signature: 0, held: 0, deliveries: {}};
let held = [];
let released = false;

function reply(res, status, body) {
  res.writeHead(status, {'Content-Type': 'application/json'});
  res.end(body || '{}');
}

function verified(req, body) {
  const gotrue = req.headers['x-webhook-signature'];
  const hasStandard = req.headers['webhook-signature'] !== undefined;
  if (!gotrue && !hasStandard) throw new Error('unsigned');
  if (gotrue) {
    const claims = jwt.verify(gotrue, key, {issuer: 'gotrue', algorithms: ['HS256']});
    if (claims.sha256 !== crypto.createHash('sha256').update(body).digest('hex')) throw new Error('sha256 mismatch');
  }
  if (hasStandard) standard.verify(body.toString('utf8'), req.headers);
  return JSON.parse(body.toString('utf8'));
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/deliveries') {
      const open = held.filter(h => !h.done);
      return reply(res, 200, JSON.stringify({...state, held: open.length, held_ports: open.map(h => h.port)}));
    }
    if (req.method === 'POST' && req.url === '/release') {
      released = true;
      held.forEach(h => h.run());
      held = [];
      return reply(res, 200);
    }
    const body = Buffer.concat(chunks);
    let payload;
    try {
      payload = verified(req, body);
    } catch (e) {
      state.bad_signature++;
      return reply(res, 401, JSON.stringify({error: 'bad signature: ' + e.message}));
    }
    const id = req.headers['webhook-id'];
    if (!id || id !== payload.id) {
      state.bad_signature++;
      return reply(res, 400, JSON.stringify({error: 'webhook-id missing or not the body\'s id'}));
    }
    const email = (payload.user && payload.user.email) || '';
    const d = state.deliveries[id]
      || (state.deliveries[id] = {event: payload.event, email, tries: 0, taken: 0, repeats: 0, payload});
    d.tries++;
    const take = () => {
      if (d.taken > 0) d.repeats++; else d.taken = 1;
      reply(res, 200);
    };
    const fail = /^fail(\d+)-/.exec(email);
    if (fail && d.tries <= Number(fail[1])) return reply(res, 500, JSON.stringify({error: 'failing on purpose'}));
    if (email.startsWith('failalways-')) return reply(res, 500, JSON.stringify({error: 'failing on purpose'}));
    if (email.startsWith('hang-') && !released) {
      // a request whose sender goes away (a node killed) is never taken
      const h = {done: false, port: req.socket.remotePort,
        run: () => { if (!h.done && !res.destroyed) { h.done = true; take(); } }};
      res.on('close', () => { h.done = true; });
      held.push(h);
      return;
    }
    take();
  });
}).listen(Number(port), '127.0.0.1', () => console.log('listening on ' + port));
