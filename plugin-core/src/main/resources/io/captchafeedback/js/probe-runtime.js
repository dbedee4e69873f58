// captcha-feedback probe runtime. The rule compiler wraps this file in a function expression and appends
// the checks of one rule set; the result is JSON-able: {v, url, d (document id), top (whether it ran in the
// top window), cookies, resets, renders, t,
// c:[{m, x, ms, e}]}.
// Every check is isolated: a bad selector or a throwing script is reported in `e`, never thrown.
var now = (typeof performance !== 'undefined' && performance.now) ? function () { return performance.now(); } : function () { return Date.now(); };
var T0 = now();
var MAX = 160;

function squash(s) {
  return String(s == null ? '' : s).replace(/\s+/g, ' ').trim();
}
function cut(s) {
  s = squash(s);
  return s.length > MAX ? s.slice(0, MAX - 1) + '\u2026' : s;
}
function around(text, index, length) {
  var from = Math.max(0, index - 40);
  var s = text.slice(from, Math.min(text.length, index + length + 80));
  return (from > 0 ? '\u2026' : '') + cut(s);
}
function describe(el) {
  var s = el.tagName ? el.tagName.toLowerCase() : 'node';
  if (el.id) { s += '#' + el.id; }
  if (typeof el.className === 'string' && el.className.trim()) { s += '.' + el.className.trim().split(/\s+/).join('.'); }
  var text = squash(textOf(el));
  return cut(text ? s + ' "' + text + '"' : s);
}
// The document the checks look at: the probed one, or a frame's while an inFrame check runs.
var DOC = document;
function all(css) {
  return DOC.querySelectorAll(css);
}
function visible(el) {
  if (typeof el.checkVisibility === 'function') {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) { return false; }
  } else {
    var st = window.getComputedStyle(el);
    if (st.display === 'none' || st.visibility === 'hidden' || st.opacity === '0') { return false; }
  }
  var r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}
// Rendered text (innerText needs layout) and raw text (textContent, no layout), each computed at most
// once per element and probe. Every word of the rendered text is also a substring of the raw text, so a
// needle with a word missing from the raw text cannot be in the rendered text: the cheap test goes first.
var hasMap = typeof Map === 'function';
var renderedCache = hasMap ? new Map() : null;
var rawCache = hasMap ? new Map() : null;
function cached(cache, el, compute) {
  var v = cache ? cache.get(el) : undefined;
  if (v === undefined) {
    v = compute(el);
    if (cache) { cache.set(el, v); }
  }
  return v;
}
// innerText of an element that is not rendered (display: none, or inside one) is its raw textContent:
// such elements have no rendered text at all.
function rendered(el) {
  if (el !== DOC.body && el !== DOC.documentElement) {
    var shownEl = typeof el.checkVisibility === 'function' ? el.checkVisibility({ checkVisibilityCSS: true })
        : el.getClientRects().length > 0;
    if (!shownEl) { return ''; }
  }
  return String(el.innerText !== undefined ? el.innerText : el.textContent || '');
}
function textOf(el) {
  return cached(renderedCache, el, rendered);
}
function rawLower(el) {
  return cached(rawCache, el, function (e) { return String(e.textContent || '').toLowerCase(); });
}
var lowerCache = hasMap ? new Map() : null;
function squashedLower(el) {
  return cached(lowerCache, el, function (e) { return squash(textOf(e)).toLowerCase(); });
}
function root() {
  return DOC.body || DOC.documentElement;
}
function wordsIn(raw, words) {
  for (var i = 0; i < words.length; i++) {
    if (raw.indexOf(words[i]) < 0) { return false; }
  }
  return true;
}
function present(css) {
  var el = DOC.querySelector(css);
  return el ? { m: true, x: describe(el) } : { m: false };
}
function shown(css) {
  var list = all(css);
  for (var i = 0; i < list.length; i++) {
    if (visible(list[i])) { return { m: true, x: describe(list[i]) }; }
  }
  return { m: false, x: list.length ? list.length + ' present, none visible' : undefined };
}
// needle: lower case, whitespace squashed (by the compiler); compared with the squashed rendered text.
function contains(needle, css) {
  var words = needle.split(' ');
  if (!DOC.documentElement || !wordsIn(rawLower(DOC.documentElement), words)) { return { m: false }; }
  var list = css === null ? (root() ? [root()] : []) : all(css);
  for (var k = 0; k < list.length; k++) {
    if (!wordsIn(rawLower(list[k]), words)) { continue; }
    var lower = squashedLower(list[k]);
    var j = lower.indexOf(needle);
    if (j >= 0) { return { m: true, x: around(squash(textOf(list[k])), j, needle.length) }; }
  }
  return { m: false };
}
// literals: for each alternative of the regex, a literal every match contains (lower case), or [] when
// no such pre-test exists; elements whose raw text has none of them are skipped without layout.
function anyLiteral(raw, literals) {
  if (!literals.length) { return true; }
  for (var i = 0; i < literals.length; i++) {
    if (raw.indexOf(literals[i]) >= 0) { return true; }
  }
  return false;
}
function matches(re, css, literals) {
  if (!DOC.documentElement || !anyLiteral(rawLower(DOC.documentElement), literals)) { return { m: false }; }
  var list = css === null ? (root() ? [root()] : []) : all(css);
  for (var k = 0; k < list.length; k++) {
    if (!anyLiteral(rawLower(list[k]), literals)) { continue; }
    var text = textOf(list[k]);
    re.lastIndex = 0;
    var found = re.exec(text);
    if (found) { return { m: true, x: around(text, found.index, found[0].length) }; }
  }
  return { m: false };
}
// Runs a check inside the document of the first frame matching css (same origin only).
function inFrame(css, check) {
  var frame = document.querySelector(css);
  if (!frame) { return { m: false }; }
  var doc = null;
  try { doc = frame.contentDocument; } catch (e) { doc = null; }
  if (!doc || !doc.documentElement) { return { m: false, x: 'frame ' + cut(css) + ' not readable (another origin, or not loaded)' }; }
  var saved = DOC;
  DOC = doc;
  try { return check(); } finally { DOC = saved; }
}
// An id of the probed document, the same for every probe of it: a reload or a navigation gives a new one.
function docId() {
  var key = '__captchaFeedbackDoc';
  try {
    if (!window[key]) {
      Object.defineProperty(window, key, { value: String(Date.now()) + '-' + Math.random().toString(36).slice(2), enumerable: false });
    }
    return String(window[key]);
  } catch (e) { return null; }
}
var CHALLENGE_FRAMES = 'iframe[src*="/recaptcha/api2/bframe"],iframe[src*="/recaptcha/enterprise/bframe"],'
    + 'iframe[src*="hcaptcha.com"][src*="frame=challenge"]';
function challengeShown() {
  var list = all(CHALLENGE_FRAMES);
  for (var i = 0; i < list.length; i++) {
    if (visible(list[i])) { return { m: true, x: 'challenge frame ' + cut(list[i].getAttribute('src') || '') }; }
  }
  return { m: false };
}
function cookieNames() {
  var out = [];
  try {
    var parts = String(document.cookie || '').split(';');
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf('=');
      var name = (eq < 0 ? parts[i] : parts[i].slice(0, eq)).trim();
      if (name) { out.push(name); }
    }
  } catch (e) { /* opaque origins have no cookies */ }
  return out;
}
function hookLog(kind) {
  var g = window.__captchaFeedback;
  var out = [];
  if (g && g[kind] && g[kind].length) {
    for (var i = 0; i < g[kind].length; i++) { out.push({ widget: String(g[kind][i].widget), at: Number(g[kind][i].at) }); }
  }
  return out;
}
function run(checks) {
  var c = [];
  for (var i = 0; i < checks.length; i++) {
    var s = now();
    var r;
    try {
      r = checks[i]() || { m: false };
    } catch (e) {
      r = { m: false, e: cut((e && e.name ? e.name + ': ' : '') + (e && e.message ? e.message : String(e))) };
    }
    r.m = !!r.m;
    r.ms = Math.round((now() - s) * 1000) / 1000;
    c.push(r);
  }
  var top = true;
  try { top = window.top === window; } catch (e) { top = false; }
  return { v: 1, url: String(location.href), d: docId(), top: top, cookies: cookieNames(), resets: hookLog('resets'),
    renders: hookLog('renders'), c: c, t: Math.round((now() - T0) * 1000) / 1000 };
}
