// captcha-feedback probe runtime. The rule compiler wraps this file in a function expression and appends
// the checks of one rule set; the result is JSON-able: {v, url, cookies, resets, renders, t, c:[{m, x, ms, e}]}.
// Every check is isolated: a bad selector or a throwing script is reported in `e`, never thrown.
var now = (typeof performance !== 'undefined' && performance.now) ? function () { return performance.now(); } : function () { return Date.now(); };
var T0 = now();
var MAX = 160;
var bodyTextCache = null;
var bodyLowerCache = null;

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
  var text = squash(el.innerText !== undefined ? el.innerText : el.textContent);
  return cut(text ? s + ' "' + text + '"' : s);
}
function all(css) {
  return document.querySelectorAll(css);
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
function bodyText() {
  if (bodyTextCache === null) {
    var b = document.body || document.documentElement;
    bodyTextCache = b ? String(b.innerText || b.textContent || '') : '';
  }
  return bodyTextCache;
}
function bodyLower() {
  if (bodyLowerCache === null) { bodyLowerCache = bodyText().toLowerCase(); }
  return bodyLowerCache;
}
function textOf(el) {
  return String(el.innerText !== undefined ? el.innerText : el.textContent || '');
}
function present(css) {
  var el = document.querySelector(css);
  return el ? { m: true, x: describe(el) } : { m: false };
}
function shown(css) {
  var list = all(css);
  for (var i = 0; i < list.length; i++) {
    if (visible(list[i])) { return { m: true, x: describe(list[i]) }; }
  }
  return { m: false, x: list.length ? list.length + ' present, none visible' : undefined };
}
function contains(needleLower, css) {
  if (css === null) {
    var i = bodyLower().indexOf(needleLower);
    return i >= 0 ? { m: true, x: around(bodyText(), i, needleLower.length) } : { m: false };
  }
  var list = all(css);
  for (var k = 0; k < list.length; k++) {
    var t = textOf(list[k]);
    var j = t.toLowerCase().indexOf(needleLower);
    if (j >= 0) { return { m: true, x: around(t, j, needleLower.length) }; }
  }
  return { m: false };
}
function matches(re, css) {
  var texts = [];
  if (css === null) {
    texts.push(bodyText());
  } else {
    var list = all(css);
    for (var k = 0; k < list.length; k++) { texts.push(textOf(list[k])); }
  }
  for (var i = 0; i < texts.length; i++) {
    re.lastIndex = 0;
    var found = re.exec(texts[i]);
    if (found) { return { m: true, x: around(texts[i], found.index, found[0].length) }; }
  }
  return { m: false };
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
  return { v: 1, url: String(location.href), cookies: cookieNames(), resets: hookLog('resets'),
    renders: hookLog('renders'), c: c, t: Math.round((now() - T0) * 1000) / 1000 };
}
