// A stand-in for Netlify's functions runtime, for WebhooksIT. GoTrue posts every event to one URL with the event's
// name in the body; Netlify runs the function named identity-<event>. This server does the same with the files in
// functions/, unchanged Netlify handlers, after checking the call's signature the way a receiver does with
// jsonwebtoken: an HS256 JWT from issuer "gotrue" whose sha256 claim is the body's digest.
//
//   node server.js <port> <secret>
//   GET /received  -> {"validate": n, "signup": n, "login": n, "bad_signature": n}
const http = require('http');
const crypto = require('crypto');
const jwt = require('jsonwebtoken');

const [port, secret] = process.argv.slice(2);
const received = {validate: 0, signup: 0, login: 0, bad_signature: 0};

function reply(res, status, body) {
  res.writeHead(status, {'Content-Type': 'application/json'});
  res.end(body || '');
}

http.createServer((req, res) => {
  const chunks = [];
  req.on('data', chunk => chunks.push(chunk));
  req.on('end', async () => {
    if (req.method === 'GET' && req.url === '/received') return reply(res, 200, JSON.stringify(received));
    const body = Buffer.concat(chunks);
    try {
      const claims = jwt.verify(req.headers['x-webhook-signature'], secret, {issuer: 'gotrue', algorithms: ['HS256']});
      if (claims.sha256 !== crypto.createHash('sha256').update(body).digest('hex')) throw new Error('sha256 mismatch');
    } catch (e) {
      received.bad_signature++;
      return reply(res, 401, JSON.stringify({webhook_error: 'bad signature: ' + e.message}));
    }
    const payload = JSON.parse(body.toString('utf8'));
    received[payload.event] = (received[payload.event] || 0) + 1;
    let handler;
    try {
      handler = require('./functions/identity-' + payload.event + '.js').handler;
    } catch {
      return reply(res, 200, ''); // no function for this event: Netlify lets the action go on
    }
    const result = await handler({httpMethod: 'POST', headers: req.headers, body: body.toString('utf8')}, {});
    reply(res, result.statusCode, result.body);
  });
}).listen(Number(port), '127.0.0.1', () => console.log('listening on ' + port));
