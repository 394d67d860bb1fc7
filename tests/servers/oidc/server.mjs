// An OpenID Connect provider for the portal's tests, standing in for a DigiD broker.
// Started by tests/servers/oidc.py; settings come from the environment:
//   OIDC_PORT      port to listen on (127.0.0.1); also accepted as the first argument
//   OIDC_ISSUER    issuer URL (default http://127.0.0.1:<port>)
//   OIDC_CLIENT    JSON: {client_id, client_secret, redirect_uris, post_logout_redirect_uris}
//   OIDC_TTL       JSON of lifetimes in seconds, e.g. {"AccessToken": 5, "Session": 60}
//   OIDC_ACCOUNTS  JSON list of extra accounts [{"id", "bsn", "name"}] (the fixed ones stay)
// Login needs no password: the interaction page (GET /interaction/<uid>) is a form that picks
// a test account, and GET or POST /interaction/<uid>/login?account=<id>[&acr=<acr>] finishes the
// login at once; /interaction/<uid>/abort ends it with access_denied, as "cancel" at DigiD does.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Provider } from 'oidc-provider';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`oidc-provider 9 needs Node.js 20.19 or newer; this is ${process.version}`);
  process.exit(2);
}

const port = Number(process.env.OIDC_PORT || process.argv[2]);
if (!port) {
  console.error('set OIDC_PORT (or pass the port as the first argument)');
  process.exit(2);
}
const issuer = process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const client = JSON.parse(process.env.OIDC_CLIENT || '{}');
const ttl = JSON.parse(process.env.OIDC_TTL || '{}');

// DigiD's assurance levels as the SAML context classes brokers pass on in `acr`.
const ACR = {
  basis: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
  midden: 'urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract',
  substantieel: 'urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard',
  hoog: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI',
};

// BSNs that pass the eleven test and are meant for testing.
const ACCOUNTS = new Map([
  { id: 'citizen-1', bsn: '999993653', name: 'Suzanne Moulin' },
  { id: 'citizen-2', bsn: '999990019', name: 'Peter Jansen' },
  ...JSON.parse(process.env.OIDC_ACCOUNTS || '[]'),
].map((account) => [account.id, account]));

const html = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title, body) {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${html(title)}</title>
</head><body><main><h1>${html(title)}</h1>${body}</main></body></html>`;
}

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256',
};

const provider = new Provider(issuer, {
  clients: [{
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    ...client,
  }],
  jwks: { keys: [signingKey] },
  // Own cookie names: the portal under test runs on 127.0.0.1 too, and cookies ignore ports.
  cookies: {
    keys: [randomUUID()],
    names: { session: 'op_session', interaction: 'op_interaction', resume: 'op_resume' },
  },
  // `acr` (the DigiD level) is always in the ID token, as brokers do; `bsn` with scope bsn.
  claims: { openid: ['sub', 'acr', 'auth_time'], bsn: ['bsn'], profile: ['name'], acr: null },
  scopes: ['openid', 'bsn', 'profile', 'offline_access'],
  responseTypes: ['code'],
  acrValues: Object.values(ACR),
  conformIdTokenClaims: false, // brokers put `bsn` in the ID token, so this one does too
  pkce: { required: () => false }, // supported (S256), not forced: the test chooses
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
    revocation: { enabled: true },
  },
  ttl,
  async findAccount(ctx, id) {
    const account = ACCOUNTS.get(id);
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, bsn: account.bsn, name: account.name };
      },
    };
  },
  // The test client is first-party: grant what it asks for, without a consent screen.
  async loadExistingGrant(ctx) {
    const { oidc } = ctx;
    const grantId = oidc.result?.consent?.grantId || oidc.session.grantIdFor(oidc.client.clientId);
    const { clientId } = oidc.client;
    const grant = grantId ? await oidc.provider.Grant.find(grantId)
      : new oidc.provider.Grant({ clientId, accountId: oidc.session.accountId });
    grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
    grant.addOIDCClaims([...oidc.requestParamClaims]);
    await grant.save();
    return grant;
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async renderError(ctx, out) {
    ctx.type = 'html';
    const description = html(out.error_description || '');
    ctx.body = page('Fout bij inloggen', `<p id="error">${html(out.error)}: ${description}</p>`);
  },
});

async function logoutSource(ctx, form) {
  ctx.body = page('Uitloggen', `${form}<p>Wilt u uitloggen bij de test-DigiD?</p>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>
<button type="submit" form="op.logoutForm">Nee</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('U bent uitgelogd', '<p>U bent uitgelogd bij de test-DigiD.</p>');
}

async function readForm(req) {
  if (req.method !== 'POST') return new URLSearchParams();
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}

function loginForm(uid, params) {
  const options = [...ACCOUNTS.values()].map((a) => `<option value="${html(a.id)}"${
    a.id === params.login_hint ? ' selected' : ''}>${html(a.name)} (BSN ${html(a.bsn)})</option>`);
  const acrs = Object.entries(ACR).map(([name, value]) => `<option value="${html(value)}"${
    name === 'midden' ? ' selected' : ''}>${html(name)}</option>`);
  return page('Inloggen bij de test-DigiD', `
<form method="post" action="/interaction/${html(uid)}/login">
<p><label for="account">Testaccount</label>
<select id="account" name="account">${options.join('')}</select></p>
<p><label for="acr">Betrouwbaarheidsniveau</label>
<select id="acr" name="acr">${acrs.join('')}</select></p>
<p><button type="submit">Inloggen</button></p></form>
<p><a href="/interaction/${html(uid)}/abort">Annuleren</a></p>`);
}

const INTERACTION = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/;

provider.use(async (ctx, next) => {
  const match = INTERACTION.exec(ctx.path);
  if (!match || !['GET', 'POST'].includes(ctx.method)) return next();
  const [, uid, action] = match;
  ctx.set('cache-control', 'no-store');
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.uid !== uid) ctx.throw(400, 'interaction does not match the cookie');
  if (!action) {
    ctx.type = 'html';
    ctx.body = loginForm(uid, details.params);
    return undefined;
  }
  if (action === 'abort') {
    return provider.interactionFinished(ctx.req, ctx.res, {
      error: 'access_denied', error_description: 'the end-user cancelled the login',
    }, { mergeWithLastSubmission: false });
  }
  const form = await readForm(ctx.req);
  const accountId = form.get('account') || ctx.query.account;
  const acr = form.get('acr') || ctx.query.acr || ACR.midden;
  if (!ACCOUNTS.has(accountId)) ctx.throw(400, `unknown test account ${accountId}`);
  return provider.interactionFinished(ctx.req, ctx.res, {
    login: { accountId, acr, amr: ['pwd'], remember: false },
  }, { mergeWithLastSubmission: false });
});

provider.on('server_error', (ctx, err) => console.error('server_error', err));

provider.listen(port, '127.0.0.1', () => {
  console.log(`oidc-provider listening on ${issuer} (client ${client.client_id})`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
