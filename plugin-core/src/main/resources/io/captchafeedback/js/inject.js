// captcha-feedback token injection: one function expression, called with a single argument
//   { type: 'RECAPTCHA_V2' | 'RECAPTCHA_V2_INVISIBLE' | 'RECAPTCHA_V3' | 'RECAPTCHA_ENTERPRISE' | 'HCAPTCHA'
//           | 'TURNSTILE' | 'FUNCAPTCHA', token: '...', siteKey: '...' | null, callback: true | false }
// It writes the widget's response fields (dispatching input and change), calls at most one widget
// callback (captured render options first, then data-callback, then ___grecaptcha_cfg.clients; for v3
// it overrides execute) and returns what it did:
//   { fields: ['textarea#g-recaptcha-response[name=g-recaptcha-response]', ...],
//     callback: 'data-callback onSubmit' | null, callbackError: '...' | null, url: location.href,
//     notes: ['...'] }
// It never throws: errors of the page's own callback are caught and returned in callbackError.
(function (arg) {
  'use strict';
  var a = arg || {};
  var type = String(a.type || '');
  var token = String(a.token === undefined || a.token === null ? '' : a.token);
  var siteKey = a.siteKey ? String(a.siteKey) : null;
  var wantCallback = a.callback !== false;
  var out = { fields: [], callback: null, callbackError: null, url: String(location.href), notes: [] };
  var written = [];

  function describe(el) {
    var d = el.tagName.toLowerCase();
    if (el.id) { d += '#' + el.id; }
    var name = el.getAttribute('name');
    if (name) { d += '[name=' + name + ']'; }
    return d;
  }
  function fire(el, name) {
    try { el.dispatchEvent(new Event(name, { bubbles: true })); } catch (e) { /* old engines */ }
  }
  function write(el) {
    if (!el || written.indexOf(el) >= 0) { return; }
    written.push(el);
    try {
      var proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      var setter = Object.getOwnPropertyDescriptor(proto, 'value');
      // Through the prototype's setter, so frameworks that track the value (React) see the change.
      if (setter && setter.set) { setter.set.call(el, token); } else { el.value = token; }
    } catch (e) { el.value = token; }
    if (el.tagName === 'TEXTAREA') { el.innerHTML = token.replace(/&/g, '&amp;').replace(/</g, '&lt;'); }
    fire(el, 'input');
    fire(el, 'change');
    out.fields.push(describe(el));
  }
  function writeAll(selector, root) {
    var list = (root || document).querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) { write(list[i]); }
  }
  function resolveName(name) {
    if (typeof name !== 'string' || !name) { return null; }
    var parts = name.split('.');
    var v = window;
    for (var i = 0; i < parts.length && v; i++) { v = v[parts[i]]; }
    return typeof v === 'function' ? v : null;
  }
  // Candidate callbacks in order of preference, each {fn, how}.
  var candidates = [];
  function candidate(cb, how) {
    var fn = typeof cb === 'function' ? cb : resolveName(cb);
    if (!fn) { return; }
    for (var i = 0; i < candidates.length; i++) { if (candidates[i].fn === fn) { return; } }
    candidates.push({ fn: fn, how: how + (typeof cb === 'string' ? ' ' + cb : '') });
  }
  function capturedRenders(widgets) {
    var log = window.__captchaFeedback;
    var renders = log && log.renders ? log.renders : [];
    for (var i = renders.length - 1; i >= 0; i--) {
      var r = renders[i];
      if (widgets.indexOf(r.widget) < 0 || !r.callback) { continue; }
      if (siteKey && r.sitekey && r.sitekey !== siteKey) { continue; }
      candidate(r.callback, 'captured ' + r.widget + '.render callback');
    }
  }
  function dataCallbacks(selector) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      var key = el.getAttribute('data-sitekey') || el.getAttribute('data-pkey');
      if (siteKey && key && key !== siteKey) { continue; }
      candidate(el.getAttribute('data-callback'), 'data-callback');
    }
  }
  // ___grecaptcha_cfg.clients[id] keeps the render parameters a few levels deep under obfuscated keys.
  function recaptchaClients() {
    var cfg = window.___grecaptcha_cfg;
    var clients = cfg && cfg.clients;
    if (!clients) { return; }
    Object.keys(clients).forEach(function (id) {
      var seen = [];
      (function walk(obj, path, depth) {
        if (!obj || typeof obj !== 'object' || depth > 5 || seen.indexOf(obj) >= 0) { return; }
        if (typeof Node !== 'undefined' && obj instanceof Node) { return; }
        seen.push(obj);
        var keys;
        try { keys = Object.keys(obj); } catch (e) { return; }
        if ('callback' in obj && (typeof obj.callback === 'function' || typeof obj.callback === 'string')) {
          var key = obj.sitekey || obj.siteKey;
          if (!siteKey || !key || key === siteKey) {
            candidate(obj.callback, '___grecaptcha_cfg.clients[' + id + ']' + path + '.callback');
          }
        }
        for (var i = 0; i < keys.length; i++) {
          if (keys[i] === 'callback') { continue; }
          var v;
          try { v = obj[keys[i]]; } catch (e) { continue; }
          walk(v, path + '.' + keys[i], depth + 1);
        }
      })(clients[id], '', 0);
    });
  }
  function callOne() {
    if (!wantCallback) { return; }
    if (!candidates.length) { return; }
    var c = candidates[0];
    out.callback = c.how;
    try { c.fn.call(window, token); } catch (e) { out.callbackError = String(e && e.message || e); }
  }
  function overrideExecute(api, label) {
    if (!api || typeof api !== 'object' && typeof api !== 'function') { return false; }
    try {
      api.execute = function () { return Promise.resolve(token); };
      out.notes.push(label + '.execute now resolves with the token');
      return true;
    } catch (e) { return false; }
  }

  try {
    switch (type) {
      case 'RECAPTCHA_V2':
      case 'RECAPTCHA_V2_INVISIBLE':
      case 'RECAPTCHA_ENTERPRISE':
        writeAll('textarea[name="g-recaptcha-response"], textarea[id^="g-recaptcha-response"]');
        capturedRenders(['recaptcha', 'recaptcha-enterprise']);
        dataCallbacks('.g-recaptcha[data-callback], [data-sitekey][data-callback]');
        recaptchaClients();
        if (type === 'RECAPTCHA_ENTERPRISE' && !candidates.length && window.grecaptcha) {
          // Enterprise in its score flavour is awaited through execute, like v3.
          if (overrideExecute(window.grecaptcha.enterprise, 'grecaptcha.enterprise')) {
            out.callback = 'grecaptcha.enterprise.execute override';
          }
        }
        callOne();
        break;
      case 'RECAPTCHA_V3':
        writeAll('textarea[name="g-recaptcha-response"], input[name="g-recaptcha-response"]');
        var g = window.grecaptcha;
        var overridden = [];
        if (overrideExecute(g, 'grecaptcha')) { overridden.push('grecaptcha.execute'); }
        if (g && overrideExecute(g.enterprise, 'grecaptcha.enterprise')) { overridden.push('grecaptcha.enterprise.execute'); }
        if (overridden.length) { out.callback = overridden.join(' + ') + ' override'; }
        break;
      case 'HCAPTCHA':
        writeAll('textarea[name="h-captcha-response"], [data-hcaptcha-widget-id] ~ textarea[name="g-recaptcha-response"],'
          + ' .h-captcha textarea[name="g-recaptcha-response"]');
        var frames = document.querySelectorAll('iframe[data-hcaptcha-widget-id]');
        for (var i = 0; i < frames.length; i++) {
          frames[i].setAttribute('data-hcaptcha-response', token);
          out.fields.push('iframe[data-hcaptcha-widget-id=' + frames[i].getAttribute('data-hcaptcha-widget-id') + ']@data-hcaptcha-response');
        }
        capturedRenders(['hcaptcha']);
        dataCallbacks('.h-captcha[data-callback], [data-hcaptcha-sitekey][data-callback]');
        callOne();
        break;
      case 'TURNSTILE':
        writeAll('input[name="cf-turnstile-response"]');
        var boxes = document.querySelectorAll('.cf-turnstile[data-response-field-name], [data-sitekey][data-response-field-name]');
        for (var j = 0; j < boxes.length; j++) {
          var fieldName = boxes[j].getAttribute('data-response-field-name');
          writeAll('input[name="' + fieldName.replace(/["\\]/g, '\\$&') + '"]');
        }
        capturedRenders(['turnstile']);
        dataCallbacks('.cf-turnstile[data-callback], [data-sitekey][data-callback]');
        callOne();
        break;
      case 'FUNCAPTCHA':
        writeAll('#FunCaptcha-Token, #verification-token, input[name="fc-token"], input[name="verification-token"],'
          + ' [id^="FunCaptcha-Token-"], [id^="verification-token-"]');
        dataCallbacks('#FunCaptcha[data-callback], [data-pkey][data-callback]');
        callOne();
        break;
      default:
        out.notes.push('no injection for captcha type ' + type);
    }
  } catch (e) {
    out.notes.push('injection failed: ' + String(e && e.message || e));
  }
  if (!out.fields.length && !out.callback) {
    out.notes.push('found no response field and no callback for ' + type
      + (siteKey ? ' (site key ' + siteKey + ')' : '') + ' on ' + out.url);
  }
  return out;
})
