// captcha-feedback recording: what the page does after a token was injected. Installed once per
// document (idempotent); returns JSON text so that every engine hands it back the same way.
// Wraps fetch and XMLHttpRequest (method, URL, status, content type; the body only when it is JSON),
// reads the widget hooks' log (resets and renders), the visible texts per element, cookie names
// (never values) and, for a document loaded since the last call, its HTTP status.
(function () {
  var R = window.__captchaFeedbackRecord;
  var fresh = false;
  if (!R) {
    fresh = true;
    R = window.__captchaFeedbackRecord = { q: [], resets: 0, renders: 0 };
    var push = function (e) { if (R.q.length < 500) { R.q.push(e); } };
    var isJson = function (ct) { return /json/i.test(ct || ''); };
    if (typeof window.fetch === 'function') {
      var of = window.fetch;
      window.fetch = function (input, init) {
        var method = String((init && init.method) || (input && input.method) || 'GET').toUpperCase();
        var url = typeof input === 'string' ? input : (input && input.url) || String(input);
        return of.apply(this, arguments).then(function (resp) {
          try {
            var ct = resp.headers.get('content-type') || '';
            var e = { method: method, url: resp.url || url, status: resp.status, ct: ct };
            if (isJson(ct)) {
              resp.clone().text().then(function (b) { e.body = b.slice(0, 65536); push(e); }, function () { push(e); });
            } else {
              push(e);
            }
          } catch (err) { /* never break the page */ }
          return resp;
        });
      };
    }
    var XP = window.XMLHttpRequest && XMLHttpRequest.prototype;
    if (XP) {
      var oo = XP.open, os = XP.send;
      XP.open = function (m, u) { this.__cfRec = { m: String(m).toUpperCase(), u: String(u) }; return oo.apply(this, arguments); };
      XP.send = function () {
        var x = this;
        x.addEventListener('loadend', function () {
          try {
            var ct = x.getResponseHeader('content-type') || '';
            var e = { method: x.__cfRec ? x.__cfRec.m : 'GET', url: x.responseURL || (x.__cfRec && x.__cfRec.u), status: x.status, ct: ct };
            if (isJson(ct) && (x.responseType === '' || x.responseType === 'text')) { e.body = String(x.responseText).slice(0, 65536); }
            push(e);
          } catch (err) { /* never break the page */ }
        });
        return os.apply(this, arguments);
      };
    }
  }
  var visible = function (el) {
    if (!el.getClientRects().length) { return false; }
    var s = window.getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
  };
  var selectorOf = function (el) {
    if (el.id) { return '#' + el.id; }
    var c = (el.getAttribute('class') || '').trim().split(/\s+/).filter(function (k) { return k && !/\d{3,}/.test(k); });
    return c.length ? '.' + c[0] : el.tagName.toLowerCase();
  };
  var texts = [];
  var all = document.body ? document.body.querySelectorAll('*') : [];
  for (var i = 0; i < all.length && i < 3000; i++) {
    var el = all[i];
    if (/^(SCRIPT|STYLE|NOSCRIPT|TEXTAREA|INPUT|SELECT|OPTION|IFRAME|svg)$/i.test(el.tagName)) { continue; }
    var own = '';
    for (var n = el.firstChild; n; n = n.nextSibling) { if (n.nodeType === 3) { own += n.nodeValue; } }
    if (!own.trim() || !visible(el)) { continue; }
    var t = (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 160);
    if (!t) { continue; }
    texts.push([selectorOf(el), t]);
  }
  var cookies = document.cookie ? document.cookie.split(';').map(function (c) { return c.split('=')[0].trim(); })
      .filter(function (c) { return c; }) : [];
  var log = window.__captchaFeedback || {};
  var resets = (log.resets || []).slice(R.resets).map(function (r) { return r.widget; });
  var renders = (log.renders || []).slice(R.renders).map(function (r) { return r.widget; });
  R.resets += resets.length;
  R.renders += renders.length;
  var status = 0;
  if (fresh) {
    try { var nav = performance.getEntriesByType('navigation')[0]; status = (nav && nav.responseStatus) || 0; } catch (e) { status = 0; }
  }
  var events = R.q;
  R.q = [];
  return JSON.stringify({ url: String(location.href), fresh: fresh, status: status, texts: texts, cookies: cookies,
      responses: events, resets: resets, renders: renders });
})()
