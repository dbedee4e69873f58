// captcha-feedback token injection: one function expression, called with a single argument
//   { type: 'RECAPTCHA_V2' | 'RECAPTCHA_V2_INVISIBLE' | 'RECAPTCHA_V3' | 'RECAPTCHA_ENTERPRISE' | 'HCAPTCHA'
//           | 'TURNSTILE' | 'FUNCAPTCHA', token: '...', siteKey: '...' | null, callback: true | false }
// With several widgets of the type on the page it injects into the one whose site key is the task's
// (data-sitekey / data-pkey, or the key given to render); without a site key and more than one widget,
// or with a site key no widget has, it injects nothing and says why in notes (ambiguous: true).
// It writes the chosen widget's response fields (dispatching input and change), calls at most one widget
// callback (captured render options first, then data-callback, then ___grecaptcha_cfg.clients; for v3
// it overrides execute; Arkose's onCompleted gets {token}) and returns what it did:
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
  var out = { fields: [], callback: null, callbackError: null, url: String(location.href), notes: [], ambiguous: false };
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
  function candidate(cb, how, style) {
    var fn = typeof cb === 'function' ? cb : resolveName(cb);
    if (!fn) { return; }
    for (var i = 0; i < candidates.length; i++) { if (candidates[i].fn === fn) { return; } }
    candidates.push({ fn: fn, how: how + (typeof cb === 'string' ? ' ' + cb : ''), style: style || 'token' });
  }
  function renderLog() {
    var log = window.__captchaFeedback;
    return log && log.renders ? log.renders : [];
  }
  // The chosen widget (see choose()); null when the page has no identifiable widget of the type.
  var chosen = null;
  function capturedRenders(widgets) {
    var renders = renderLog();
    for (var i = renders.length - 1; i >= 0; i--) {
      var r = renders[i];
      if (widgets.indexOf(r.widget) < 0 || !r.callback) { continue; }
      if (chosen && !belongs(r, chosen)) { continue; }
      if (!chosen && siteKey && r.sitekey && r.sitekey !== siteKey) { continue; }
      var what = r.widget === 'arkose' ? (r.style === 'response' ? 'Arkose onCompleted' : 'Arkose callback')
        : r.widget + '.render callback';
      candidate(r.callback, 'captured ' + what, r.style);
    }
  }
  function belongs(r, w) {
    if (r.el && w.el) { return r.el === w.el; }
    return !!(r.sitekey && w.key && r.sitekey === w.key) || (!w.key && !r.sitekey);
  }
  function dataCallbacks(selector) {
    if (chosen) {
      if (chosen.el && chosen.el.getAttribute) { candidate(chosen.el.getAttribute('data-callback'), 'data-callback'); }
      return;
    }
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) {
      var el = list[i];
      var key = el.getAttribute('data-sitekey') || el.getAttribute('data-pkey');
      if (siteKey && key && key !== siteKey) { continue; }
      candidate(el.getAttribute('data-callback'), 'data-callback');
    }
  }
  // The widgets of a type on the page: containers in the document (with their site key) and widgets
  // rendered explicitly (captured by the hooks), merged by element.
  function widgetsOf(containerSelector, renderNames) {
    var list = [];
    function add(el, key) {
      for (var i = 0; i < list.length; i++) {
        if ((el && list[i].el === el) || (!el && !list[i].el && list[i].key === (key || null))
            || (!el && key && list[i].key === key)) {
          if (!list[i].key && key) { list[i].key = key; }
          return;
        }
      }
      list.push({ el: el, key: key || null });
    }
    var els = document.querySelectorAll(containerSelector);
    for (var i = 0; i < els.length; i++) {
      add(els[i], els[i].getAttribute('data-sitekey') || els[i].getAttribute('data-pkey'));
    }
    var renders = renderLog();
    for (var j = 0; j < renders.length; j++) {
      var r = renders[j];
      if (renderNames.indexOf(r.widget) < 0) { continue; }
      if (r.el && !document.contains(r.el)) { continue; }
      add(r.el || null, r.sitekey);
    }
    return list;
  }
  function keysOf(list) {
    return list.map(function (w) { return w.key || '(no site key)'; }).join(', ');
  }
  // Picks the widget to inject into; false when it must not guess (out.notes says why).
  function choose(label, containerSelector, renderNames) {
    var list = widgetsOf(containerSelector, renderNames);
    if (list.length === 0) { return true; }
    if (siteKey) {
      for (var i = 0; i < list.length; i++) {
        if (list[i].key === siteKey) { chosen = list[i]; return true; }
      }
      if (list.length === 1 && !list[0].key) { chosen = list[0]; return true; }
      out.ambiguous = true;
      out.notes.push('no ' + label + ' widget with site key ' + siteKey + ' on ' + out.url + ' (widgets found: '
        + keysOf(list) + '): nothing injected');
      return false;
    }
    if (list.length === 1) { chosen = list[0]; return true; }
    out.ambiguous = true;
    out.notes.push(list.length + ' ' + label + ' widgets on ' + out.url + ' (site keys: ' + keysOf(list)
      + ') and the task has no site key: nothing injected rather than guess; give the task the site key of the'
      + ' widget to use (SolvedTask.Builder#siteKey)');
    return false;
  }
  // The response fields of the chosen widget: inside its container, or right after it (a widget bound
  // to a button renders its fields next to it), or the page's fields when it is the only widget.
  function writeFields(selector) {
    if (!chosen || !chosen.el) { writeAll(selector); return; }
    var inside = chosen.el.querySelectorAll(selector);
    if (inside.length) {
      for (var i = 0; i < inside.length; i++) { write(inside[i]); }
      return;
    }
    var next = chosen.el.nextElementSibling;
    var after = next ? (next.matches && next.matches(selector) ? [next] : next.querySelectorAll(selector)) : [];
    if (after.length) {
      for (var j = 0; j < after.length; j++) { write(after[j]); }
      return;
    }
    writeAll(selector);
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
          var want = chosen ? chosen.key : siteKey;
          if (!want || !key || key === want) {
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
    try { c.fn.call(window, c.style === 'response' ? { token: token } : token); } catch (e) { out.callbackError = String(e && e.message || e); }
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
        if (!choose('reCAPTCHA', '.g-recaptcha', ['recaptcha', 'recaptcha-enterprise'])) { break; }
        writeFields('textarea[name="g-recaptcha-response"], textarea[id^="g-recaptcha-response"]');
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
        if (!choose('hCaptcha', '.h-captcha', ['hcaptcha'])) { break; }
        writeFields('textarea[name="h-captcha-response"], [data-hcaptcha-widget-id] ~ textarea[name="g-recaptcha-response"],'
          + ' .h-captcha textarea[name="g-recaptcha-response"]');
        var frames = (chosen && chosen.el ? chosen.el : document).querySelectorAll('iframe[data-hcaptcha-widget-id]');
        for (var i = 0; i < frames.length; i++) {
          frames[i].setAttribute('data-hcaptcha-response', token);
          out.fields.push('iframe[data-hcaptcha-widget-id=' + frames[i].getAttribute('data-hcaptcha-widget-id') + ']@data-hcaptcha-response');
        }
        capturedRenders(['hcaptcha']);
        dataCallbacks('.h-captcha[data-callback], [data-hcaptcha-sitekey][data-callback]');
        callOne();
        break;
      case 'TURNSTILE':
        if (!choose('Turnstile', '.cf-turnstile', ['turnstile'])) { break; }
        writeFields('input[name="cf-turnstile-response"]');
        var boxes = chosen && chosen.el ? [chosen.el]
          : document.querySelectorAll('.cf-turnstile[data-response-field-name], [data-sitekey][data-response-field-name]');
        for (var j = 0; j < boxes.length; j++) {
          var fieldName = boxes[j].getAttribute('data-response-field-name');
          if (fieldName) { writeFields('input[name="' + fieldName.replace(/["\\]/g, '\\$&') + '"]'); }
        }
        capturedRenders(['turnstile']);
        dataCallbacks('.cf-turnstile[data-callback], [data-sitekey][data-callback]');
        callOne();
        break;
      case 'FUNCAPTCHA':
        if (!choose('Arkose', '[data-pkey]', ['arkose'])) { break; }
        writeFields('#FunCaptcha-Token, #verification-token, input[name="fc-token"], input[name="verification-token"],'
          + ' [id^="FunCaptcha-Token-"], [id^="verification-token-"]');
        capturedRenders(['arkose']);
        dataCallbacks('#FunCaptcha[data-callback], [data-pkey][data-callback]');
        callOne();
        break;
      default:
        out.notes.push('no injection for captcha type ' + type);
    }
  } catch (e) {
    out.notes.push('injection failed: ' + String(e && e.message || e));
  }
  if (!out.fields.length && !out.callback && !out.ambiguous) {
    out.notes.push('found no response field and no callback for ' + type
      + (siteKey ? ' (site key ' + siteKey + ')' : '') + ' on ' + out.url);
  }
  return out;
})
