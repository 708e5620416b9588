// The operator console: the gateway's REST API with the operator's token, nothing else.
// Every value from the API is put in the page as text (never as markup), and the token lives
// in this tab's session storage only: never in a URL, never logged.
import { parseSamples, total, firstPresent } from './prometheus.js';

const API = '/api/v1/';
const TOKEN_KEY = 'lienthong.console.token';
const COUNTER_PERIOD_MS = 5000;
const CERTIFICATE_WARNING_DAYS = 30;

const STATUS_NAMES = {
  1: 'Mới đăng ký', 2: 'Được tiếp nhận', 3: 'Không được tiếp nhận', 4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ', 6: 'Yêu cầu thực hiện nghĩa vụ tài chính', 7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý', 9: 'Đã xử lý xong', 10: 'Đã trả kết quả',
};
const RESULTS = { EARLY: 'early · trước hạn', ON_TIME: 'on time · đúng hạn', LATE: 'late · quá hạn' };
const DEADLINES = { ON_TRACK: 'on track', DUE_SOON: 'due soon', OVERDUE: 'overdue' };

const $ = (id) => document.getElementById(id);
const VIETNAM_TIME = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

class ApiError extends Error {
  constructor(status, code, detail) {
    super(detail);
    this.status = status;
    this.code = code;
  }
}

// ---- the API ----------------------------------------------------------------------------

const token = () => sessionStorage.getItem(TOKEN_KEY);

async function call(path, { method = 'GET', accept = 'application/json', bearer = token() } = {}) {
  const response = await fetch(API + path, {
    method, cache: 'no-store', headers: { Authorization: `Bearer ${bearer}`, Accept: accept },
  });
  if (response.ok) return response;
  let problem = {};
  try {
    problem = await response.json();
  } catch {
    // not a problem document: the status says enough
  }
  throw new ApiError(response.status, problem.code, problem.detail ?? `${response.status} ${response.statusText}`);
}

const json = async (path, options) => (await call(path, options)).json();

/** The gateway's metrics, or no samples when they cannot be read: the views show what they have. */
async function metrics() {
  try {
    const response = await fetch('/actuator/prometheus', { cache: 'no-store' });
    return response.ok ? parseSamples(await response.text()) : [];
  } catch {
    return [];
  }
}

// ---- building the page ------------------------------------------------------------------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  node.append(...nodes(children));
  return node;
}

/** Nodes and text for the page, from nested lists of them; null, undefined and false leave nothing. */
function nodes(content) {
  return content.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false)
    .map((c) => (c instanceof Node ? c : String(c)));
}

const time = (instant) => (instant ? VIETNAM_TIME.format(new Date(instant)) : '—');
const agency = (ref) => (ref ? `${ref.name ?? ''} (${ref.code})`.trim() : '—');
const badge = (text, kind) => el('span', { class: `badge ${kind}` }, text);
const enc = encodeURIComponent;

function table(headings, rows, props = {}) {
  return el('table', props,
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', {}, h)))),
    el('tbody', {}, rows));
}

function show(container, ...content) {
  container.replaceChildren(...nodes(content));
}

function say(text, kind = 'info') {
  const message = $('message');
  message.className = kind;
  message.textContent = text;
}

/** Reports a failed call; a token the gateway no longer takes ends the session. */
function failed(error) {
  if (error instanceof ApiError && error.status === 401) {
    logOut('The gateway no longer accepts this token: log in again.');
    return;
  }
  const prefix = error instanceof ApiError && error.status === 403 ? 'Not allowed: ' : '';
  say(prefix + (error.code ? `${error.code}: ${error.message}` : error.message), 'error');
}

// ---- login ------------------------------------------------------------------------------

/** Checks a token with a call that needs operator rights. */
async function checkToken(candidate) {
  try {
    await call('admin/agencies', { bearer: candidate });
    return null;
  } catch (error) {
    if (error.status === 401) return 'The gateway does not know this token.';
    if (error.status === 403) return 'Not an operator: this token has no operator or admin role.';
    return `The gateway could not check the token: ${error.message}`;
  }
}

async function logIn(event) {
  event.preventDefault();
  const candidate = $('token').value.trim();
  const refusal = await checkToken(candidate);
  if (refusal) {
    $('login-error').textContent = refusal;
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, candidate);
  $('token').value = '';
  $('login-error').textContent = '';
  enter();
}

function logOut(reason = '') {
  sessionStorage.removeItem(TOKEN_KEY);
  stopCounters();
  $('nav').hidden = true;
  document.querySelectorAll('.view').forEach((view) => { view.hidden = true; });
  $('login').hidden = false;
  $('login-error').textContent = reason;
  say('');
}

function enter() {
  $('login').hidden = true;
  $('nav').hidden = false;
  open(location.hash.slice(1) || 'dossier');
}

// ---- views ------------------------------------------------------------------------------

const VIEWS = {
  dossier: () => $('dossier-code').focus(),
  handoffs: loadHandoffs,
  'dead-letters': loadDeadLetters,
  agencies: loadAgencies,
  counters: startCounters,
};

function open(name) {
  const view = VIEWS[name] ? name : 'dossier';
  stopCounters();
  say('');
  document.querySelectorAll('.view').forEach((section) => { section.hidden = section.id !== `view-${view}`; });
  document.querySelectorAll('#nav [data-view]').forEach((button) => {
    button.classList.toggle('active', button.dataset.view === view);
  });
  history.replaceState(null, '', `#${view}`);
  VIEWS[view]();
}

// Dossier search --------------------------------------------------------------------------

async function searchDossier(code) {
  const result = $('dossier-result');
  show(result, el('p', { class: 'hint' }, 'Loading…'));
  try {
    const dossier = await json(`dossiers/${enc(code)}`);
    const slip = el('div', { class: 'slip' });
    show(result, dossierSummary(dossier), statusHistory(dossier), handoffTimeline(dossier),
      el('h3', {}, 'Control slip · phiếu kiểm soát',
        el('button', { type: 'button', onclick: () => downloadSlipPdf(dossier.code).catch(failed) }, 'Download PDF')),
      slip);
    await showSlip(dossier.code, slip);
  } catch (error) {
    show(result);
    if (error.status === 404) say(`No dossier ${code} at this gateway.`, 'error');
    else failed(error);
  }
}

function dossierSummary(d) {
  const field = (label, ...value) => [el('dt', {}, label), el('dd', {}, ...value)];
  return el('dl', { class: 'summary', id: 'dossier-summary' },
    field('Dossier', el('strong', {}, d.code)),
    field('Procedure', `${d.procedureName ?? ''} (${d.procedureCode})`),
    field('Applicant', d.applicant?.name ?? '—'),
    field('Status', d.status ? `${d.status} · ${STATUS_NAMES[d.status] ?? ''}` : '—'),
    field('Received', time(d.receivedAt)),
    field('Promised return', time(d.rescheduledReturnAt ?? d.promisedReturnAt)),
    field('Due', time(d.dueAt), ' ', d.deadline !== 'ON_TRACK' ? badge(DEADLINES[d.deadline], d.deadline) : ''),
    field('Result', d.result ? badge(RESULTS[d.result], d.result) : 'not settled'),
    field('Reception / handling', `${agency(d.receptionAgency)} → ${agency(d.handlingAgency)}`));
}

function statusHistory(d) {
  return [el('h3', {}, 'Status history'),
    table(['Status', 'At', 'Reported by', 'Envelope', 'Note'], d.statusHistory.map((change) => el('tr', {},
      el('td', {}, `${change.status} · ${STATUS_NAMES[change.status] ?? ''}`), el('td', {}, time(change.at)),
      el('td', {}, change.reportedBy), el('td', { class: 'id' }, change.envelopeId), el('td', {}, change.note ?? ''))))];
}

function handoffTimeline(d) {
  const verdict = (h) => (h.result ? badge(RESULTS[h.result], h.result)
    : h.deadline !== 'ON_TRACK' ? badge(DEADLINES[h.deadline], h.deadline) : '');
  return [el('h3', {}, 'Hand-offs'),
    table(['#', 'Given by', 'Taken by', 'Step', 'Given', 'Taken', 'Due', 'Done', 'State', 'Result'],
      d.handoffs.map((h, i) => el('tr', { 'data-envelope-id': h.envelopeId },
        el('td', {}, i + 1),
        el('td', {}, agency(h.giver), h.giverOfficer ? el('div', { class: 'hint' }, h.giverOfficer) : ''),
        el('td', {}, agency(h.taker), h.takerOfficer ? el('div', { class: 'hint' }, h.takerOfficer) : ''),
        el('td', {}, h.step ?? h.kind,
          h.allowedTime ? el('div', { class: 'hint' }, `${h.allowedTime.amount} ${h.allowedTime.unit}`) : ''),
        el('td', {}, time(h.givenAt)), el('td', {}, time(h.takenAt)), el('td', {}, time(h.dueAt)),
        el('td', {}, time(h.completedAt)), el('td', {}, h.state), el('td', { class: 'result' }, verdict(h)))),
      { id: 'handoff-timeline' })];
}

/**
 * The control slip's HTML, fetched with the token, in a sandboxed frame of its own. The frame's
 * document inherits this page's Content-Security-Policy, which refuses inline styles: the
 * slip's stylesheet and style attributes are taken out of its markup (well-formed XHTML whose
 * values are escaped, so a plain match finds them) and put back through the CSSOM, which the
 * policy allows.
 */
async function showSlip(code, container) {
  const html = await (await call(`dossiers/${enc(code)}/control-slip`, { accept: 'text/html' })).text();
  const stylesheets = [];
  const unstyled = html.replace(/<style>([\s\S]*?)<\/style>/g, (_, css) => {
    stylesheets.push(css);
    return '';
  }).replace(/ style="([^"]*)"/g, ' data-style="$1"');
  const url = URL.createObjectURL(new Blob([unstyled], { type: 'text/html;charset=utf-8' }));
  const frame = el('iframe', { title: `Control slip ${code}`, sandbox: 'allow-same-origin', src: url });
  frame.addEventListener('load', () => {
    URL.revokeObjectURL(url);
    const doc = frame.contentDocument;
    doc.adoptedStyleSheets = stylesheets.map((text) => {
      const sheet = new frame.contentWindow.CSSStyleSheet();
      sheet.replaceSync(text);
      return sheet;
    });
    doc.querySelectorAll('[data-style]').forEach((node) => { node.style.cssText = node.dataset.style; });
  }, { once: true });
  show(container, frame);
}

async function downloadSlipPdf(code) {
  const pdf = await (await call(`dossiers/${enc(code)}/control-slip?format=pdf`, { accept: 'application/pdf' })).blob();
  const url = URL.createObjectURL(pdf);
  el('a', { href: url, download: `control-slip-${code}.pdf` }).click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function openDossier(code) {
  open('dossier');
  $('dossier-code').value = code;
  searchDossier(code);
}

const dossierLink = (code) => el('a', { href: '#dossier', onclick: (event) => { event.preventDefault(); openDossier(code); } }, code);

// Hand-offs -------------------------------------------------------------------------------

/** Open steps (given or taken) that are overdue, and those due soon, by the agency holding them. */
async function loadHandoffs() {
  const result = $('handoffs-result');
  try {
    const pages = await Promise.all(['GIVEN', 'TAKEN'].flatMap((state) => ['true', 'false']
      .map((overdue) => json(`handoffs?state=${state}&overdue=${overdue}&size=500`))));
    const handoffs = pages.flatMap((page) => page.items)
      .filter((h) => h.deadline === 'OVERDUE' || h.deadline === 'DUE_SOON');
    const truncated = pages.some((page) => page.total > page.items.length);
    if (handoffs.length === 0) {
      show(result, el('p', {}, 'No open hand-off is overdue or due soon.'));
      return;
    }
    const byAgency = new Map();
    for (const h of handoffs) {
      if (!byAgency.has(h.taker.code)) byAgency.set(h.taker.code, { taker: h.taker, rows: [] });
      byAgency.get(h.taker.code).rows.push(h);
    }
    const groups = [...byAgency.values()].sort((a, b) => overdueCount(b.rows) - overdueCount(a.rows));
    show(result, truncated ? el('p', { class: 'warn' }, 'More than 500 open hand-offs: the newest are shown.') : '',
      groups.map(({ taker, rows }) => el('div', { class: 'group', 'data-agency': taker.code },
        el('h3', {}, agency(taker), ' ', badge(`${overdueCount(rows)} overdue`, 'OVERDUE'), ' ',
          badge(`${rows.length - overdueCount(rows)} due soon`, 'DUE_SOON')),
        table(['Dossier', 'Step', 'Given by', 'Given', 'Taken', 'Due', ''],
          rows.sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt)).map((h) => el('tr', {},
            el('td', {}, dossierLink(h.dossierCode)), el('td', {}, h.step ?? h.kind), el('td', {}, agency(h.giver)),
            el('td', {}, time(h.givenAt)), el('td', {}, time(h.takenAt)), el('td', {}, time(h.dueAt)),
            el('td', {}, badge(DEADLINES[h.deadline], h.deadline))))))));
  } catch (error) {
    failed(error);
  }
}

const overdueCount = (rows) => rows.filter((h) => h.deadline === 'OVERDUE').length;

// Dead letters ----------------------------------------------------------------------------

async function loadDeadLetters() {
  const result = $('dead-letters-result');
  try {
    const { deadLetters } = await json('admin/dead-letters');
    if (deadLetters.length === 0) {
      show(result, el('p', { id: 'no-dead-letters' }, 'No dead letters.'));
      return;
    }
    show(result, table(['Envelope', 'Recipient', 'Sender', 'Kind', 'Dossier', 'Attempts', 'Last error', 'Dead since', ''],
      deadLetters.map((d) => el('tr', { class: 'dead-letter', 'data-envelope-id': d.envelopeId, 'data-recipient': d.recipient },
        el('td', { class: 'id' }, d.envelopeId), el('td', {}, d.recipient), el('td', {}, d.sender), el('td', {}, d.kind),
        el('td', {}, d.dossierCode ? dossierLink(d.dossierCode) : '—'), el('td', {}, d.attempts),
        el('td', { class: 'error-text' }, d.lastError ?? ''), el('td', {}, time(d.deadAt)),
        el('td', { class: 'actions' },
          el('button', { type: 'button', class: 'inspect', onclick: () => inspect(d).catch(failed) }, 'Inspect'),
          el('button', { type: 'button', class: 'replay', onclick: () => replay(d).catch(failed) }, 'Replay'),
          el('button', { type: 'button', class: 'discard danger', onclick: () => discard(d).catch(failed) }, 'Discard')))),
    { id: 'dead-letters' }));
  } catch (error) {
    failed(error);
  }
}

const deadLetterPath = (d) => `admin/dead-letters/${enc(d.envelopeId)}/${enc(d.recipient)}`;

async function inspect(d) {
  const detail = await json(deadLetterPath(d));
  show($('dead-letter-detail'), el('h3', {}, `Attempts of ${d.envelopeId} to ${d.recipient}`),
    table(['#', 'At', 'Took', 'Outcome', 'Error'], detail.attempts.map((a) => el('tr', {},
      el('td', {}, a.attempt), el('td', {}, time(a.at)), el('td', {}, `${a.durationMillis} ms`), el('td', {}, a.outcome),
      el('td', { class: 'error-text' }, a.error ?? '')))));
}

async function replay(d) {
  await call(`${deadLetterPath(d)}/replay`, { method: 'POST' });
  say(`Replayed ${d.envelopeId} to ${d.recipient}: it goes through the outbox and the agency's queue again.`);
  show($('dead-letter-detail'));
  await loadDeadLetters();
}

async function discard(d) {
  if (!confirm(`Give up on ${d.envelopeId} to ${d.recipient} for good? It will never be delivered.`)) return;
  await call(deadLetterPath(d), { method: 'DELETE' });
  say(`Discarded ${d.envelopeId} to ${d.recipient}.`);
  show($('dead-letter-detail'));
  await loadDeadLetters();
}

// Agencies --------------------------------------------------------------------------------

// The push circuit breaker's state (resilience4j_circuitbreaker_state) as the operator reads it.
const ENDPOINT_HEALTH = {
  closed: ['answering', 'ON_TRACK'],
  half_open: ['on trial', 'DUE_SOON'],
  open: ['failing', 'OVERDUE'],
  forced_open: ['failing', 'OVERDUE'],
};

async function loadAgencies() {
  const result = $('agencies-result');
  try {
    const [{ agencies }, samples, { deadLetters }] = await Promise.all([json('admin/agencies'), metrics(),
      json('admin/dead-letters')]);
    const now = Date.now();
    show(result, table(['Agency', 'Delivery', 'Endpoint', 'Queue depth', 'Pushes', 'Dead letters', 'Certificates'],
      agencies.map((a) => {
        // The gauge has a row only for agencies with something waiting: none, once metrics are read, is 0.
        const backlog = total(samples, 'lienthong_delivery_backlog', { agency: a.code }) ?? (samples.length ? 0 : null);
        const oldest = total(samples, 'lienthong_delivery_backlog_oldest_age_seconds', { agency: a.code });
        const queued = total(samples, 'lienthong_delivery_queued_oldest_age_seconds', { agency: a.code });
        const pushes = (outcome) => total(samples, 'lienthong_deliveries_total', { recipient: a.code, outcome }) ?? 0;
        const dead = deadLetters.filter((d) => d.recipient === a.code).length;
        const circuit = Object.keys(ENDPOINT_HEALTH).find((state) =>
          total(samples, 'resilience4j_circuitbreaker_state', { name: a.code, state }) === 1);
        return el('tr', { 'data-agency': a.code },
          el('td', {}, el('strong', {}, a.code), el('div', {}, a.name)),
          el('td', {}, a.deliveryMode, a.deliveryMode === 'push' ? ` (${a.pushProtocol})` : ''),
          el('td', { class: 'id' }, a.endpoint ?? '—', a.deliveryMode !== 'push' ? ''
            : el('div', { class: 'endpoint-health' }, circuit ? badge(...ENDPOINT_HEALTH[circuit])
              : el('span', { class: 'hint' }, 'not pushed to yet'))),
          el('td', {}, backlog ?? '—', oldest ? el('div', { class: 'hint' }, `oldest ${Math.round(oldest)} s`) : '',
            queued ? el('div', { class: 'hint', title: 'how long the oldest delivery ready to go has waited for its turn; '
              + 'past lienthong.ingress.max-queued-age senders to this agency are refused' }, `next in line ${Math.round(queued)} s`) : ''),
          el('td', {}, a.deliveryMode === 'push'
            ? `${pushes('delivered')} delivered, ${pushes('retried')} retried` : '—'),
          el('td', {}, dead ? badge(String(dead), 'OVERDUE') : '0'),
          el('td', {}, el('ul', { class: 'certificates' }, a.certificates.map((c) => {
            const days = Math.floor((new Date(c.notAfter) - now) / 86_400_000);
            const kind = days < 0 ? 'OVERDUE' : days < CERTIFICATE_WARNING_DAYS ? 'DUE_SOON' : 'ON_TRACK';
            return el('li', { title: c.fingerprint }, `${c.purpose}: ${c.subject} `,
              badge(days < 0 ? 'expired' : `${days} days left`, kind), el('span', { class: 'hint' }, ` until ${time(c.notAfter)}`));
          }))));
      }), { id: 'agencies' }));
  } catch (error) {
    failed(error);
  }
}

// Live counters ---------------------------------------------------------------------------

const COUNTERS = [
  ['Envelopes received', [['lienthong_envelopes_received_total', {}]]],
  ['Envelopes accepted', [['lienthong_envelopes_accepted_total', {}]]],
  ['Envelopes refused', [['lienthong_envelopes_refused_total', {}]]],
  ['Deliveries', [['lienthong_deliveries_total', { outcome: 'delivered' }]]],
  ['Push retries', [['lienthong_deliveries_total', { outcome: 'retried' }]]],
  ['Dead-lettered', [['lienthong_deliveries_total', { outcome: 'dead_lettered' }]]],
  ['Overdue steps', [['lienthong_overdue_steps', {}]]],
  ['Overdue dossiers', [['lienthong_overdue_dossiers', {}]]],
  // A row per agency with something waiting, none when nothing waits.
  ['Waiting for delivery', [['lienthong_delivery_backlog', {}]], { absentIsZero: true }],
  ['Outbox pending', [['lienthong_outbox_pending', {}]]],
  ['Portal backlog', [['lienthong_portal_backlog', {}]]],
];

let counterTimer = null;
let previousCounts = new Map();

function startCounters() {
  previousCounts = new Map();
  pollCounters();
  counterTimer = setInterval(pollCounters, COUNTER_PERIOD_MS);
}

function stopCounters() {
  clearInterval(counterTimer);
  counterTimer = null;
}

async function pollCounters() {
  const samples = await metrics();
  $('counters-time').textContent = samples.length ? `Last read ${time(new Date())}.` : 'Metrics cannot be read now.';
  show($('counters-result'), COUNTERS.map(([label, candidates, { absentIsZero } = {}]) => {
    const value = firstPresent(samples, candidates) ?? (absentIsZero && samples.length ? 0 : null);
    const before = previousCounts.get(label);
    previousCounts.set(label, value);
    const change = value !== null && before !== undefined && before !== null && value !== before
      ? el('span', { class: 'change' }, `${value > before ? '+' : ''}${value - before}`) : '';
    return el('div', { class: 'tile', 'data-counter': label },
      el('div', { class: 'label' }, label),
      el('div', { class: 'value' }, value === null ? '—' : Math.round(value).toLocaleString('vi-VN'), ' ', change));
  }));
}

// ---- start ------------------------------------------------------------------------------

$('login-form').addEventListener('submit', logIn);
$('logout').addEventListener('click', () => logOut());
document.querySelectorAll('#nav [data-view]').forEach((button) => {
  button.addEventListener('click', () => open(button.dataset.view));
});
$('dossier-form').addEventListener('submit', (event) => {
  event.preventDefault();
  searchDossier($('dossier-code').value.trim());
});
$('handoffs-refresh').addEventListener('click', loadHandoffs);
$('dead-letters-refresh').addEventListener('click', () => {
  show($('dead-letter-detail'));
  loadDeadLetters();
});
$('agencies-refresh').addEventListener('click', loadAgencies);

if (token()) {
  checkToken(token()).then((refusal) => (refusal ? logOut(refusal) : enter()));
} else {
  logOut();
}
