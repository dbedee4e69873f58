// captcha-feedback widget finder: one function expression, called with a single argument (ignored for now,
// pass {}), run in one document (the engines run it in every frame). It returns a JSON string:
//   { url: location.href, widgets: [ { type, siteKey, action, enterprise, sData, invisible, rqdata, cData,
//                                      chlPageData, serviceUrl, source } ] }
// type is a CaptchaType name (RECAPTCHA_V2, RECAPTCHA_V2_INVISIBLE, RECAPTCHA_V3, HCAPTCHA, TURNSTILE,
// FUNCAPTCHA); source says where it was seen (render, markup, script, frame, token-field).
// Sources, merged per type and site key (the richest wins field by field):
//   1. render calls recorded by widget-hooks.js (window.__captchaFeedback.renders: sitekey and options)
//   2. data-* markup: .g-recaptcha, .h-captcha, .cf-turnstile [data-sitekey], Arkose [data-pkey]
//   3. scripts: recaptcha api.js / enterprise.js / recaptcha.js ?render=KEY (v3), Arkose /v2/<public key>/api.js
//   4. the widgets' own iframes (anchor k=, hCaptcha sitekey=, Turnstile 0x4... in the path)
//   5. Arkose's fc-token field (pk=...|surl=...)
//   6. calls recorded by widget-hooks.js: grecaptcha[.enterprise].execute(KEY, {action}) (v3 and its
//      action, also with no loader script or markup) and hcaptcha.setData({rqdata})
// Read-only; never throws (an error is returned as { url, widgets: [], error }).
(function (arg) {
  'use strict';
  var found = {};
  var order = [];

  function text(v) { return v === undefined || v === null || v === '' ? null : String(v); }
  function attr(el, name) { return el && el.getAttribute ? text(el.getAttribute(name)) : null; }
  function param(url, name) {
    var m = new RegExp('[?&#]' + name + '=([^&#]*)').exec(url || '');
    if (!m) { return null; }
    try { return text(decodeURIComponent(m[1].replace(/\+/g, ' '))); } catch (e) { return text(m[1]); }
  }
  function add(w) {
    if (!w.siteKey) { return; }
    var family = w.type === 'RECAPTCHA_V2_INVISIBLE' ? 'RECAPTCHA_V2' : w.type;
    var key = family + '|' + w.siteKey;
    var old = found[key];
    if (!old) { found[key] = w; order.push(key); return; }
    Object.keys(w).forEach(function (f) {
      if (w[f] !== null && w[f] !== false && (old[f] === null || old[f] === false || old[f] === undefined)) { old[f] = w[f]; }
    });
    if (w.type === 'RECAPTCHA_V2_INVISIBLE' || w.type === 'RECAPTCHA_V3') { old.type = w.type; }
    if (old.source.indexOf(w.source) < 0) { old.source += ',' + w.source; }
  }
  function widget(type, siteKey, source) {
    return { type: type, siteKey: text(siteKey), action: null, enterprise: false, sData: null, invisible: false,
      rqdata: null, cData: null, chlPageData: null, serviceUrl: null, source: source };
  }
  var scripts = Array.prototype.map.call(document.querySelectorAll('script[src]'), function (s) { return s.src; });
  var enterprisePage = scripts.some(function (src) { return /\/recaptcha\/enterprise\.js/.test(src); });

  // 1. render calls recorded by widget-hooks.js
  function fromRenders() {
    var log = window.__captchaFeedback;
    (log && log.renders ? log.renders : []).forEach(function (r) {
      var o = r.options || {};
      var w;
      if (r.widget === 'recaptcha' || r.widget === 'recaptcha-enterprise') {
        var invisible = o.size === 'invisible';
        w = widget(invisible ? 'RECAPTCHA_V2_INVISIBLE' : 'RECAPTCHA_V2', r.sitekey || o.sitekey, 'render');
        w.invisible = invisible;
        w.enterprise = r.widget === 'recaptcha-enterprise';
        w.action = text(o.action);
        w.sData = text(o.s || o['data-s']);
      } else if (r.widget === 'hcaptcha') {
        w = widget('HCAPTCHA', r.sitekey || o.sitekey, 'render');
        w.invisible = o.size === 'invisible';
        w.rqdata = text(o.rqdata);
      } else if (r.widget === 'turnstile') {
        w = widget('TURNSTILE', r.sitekey || o.sitekey, 'render');
        w.action = text(o.action);
        w.cData = text(o.cData || o.cdata);
        w.chlPageData = text(o.chlPageData);
      }
      if (w) { add(w); }
    });
  }

  // 2. data-* markup (auto-rendered widgets)
  function fromMarkup() {
    document.querySelectorAll('.g-recaptcha[data-sitekey], [data-sitekey].g-recaptcha-enterprise').forEach(function (el) {
      var invisible = attr(el, 'data-size') === 'invisible';
      var w = widget(invisible ? 'RECAPTCHA_V2_INVISIBLE' : 'RECAPTCHA_V2', attr(el, 'data-sitekey'), 'markup');
      w.invisible = invisible;
      w.enterprise = enterprisePage;
      w.action = attr(el, 'data-action');
      w.sData = attr(el, 'data-s');
      add(w);
    });
    document.querySelectorAll('.h-captcha[data-sitekey]').forEach(function (el) {
      var w = widget('HCAPTCHA', attr(el, 'data-sitekey'), 'markup');
      w.invisible = attr(el, 'data-size') === 'invisible';
      add(w);
    });
    document.querySelectorAll('.cf-turnstile[data-sitekey]').forEach(function (el) {
      var w = widget('TURNSTILE', attr(el, 'data-sitekey'), 'markup');
      w.action = attr(el, 'data-action');
      w.cData = attr(el, 'data-cdata');
      add(w);
    });
    document.querySelectorAll('[data-pkey]').forEach(function (el) {
      var w = widget('FUNCAPTCHA', attr(el, 'data-pkey'), 'markup');
      w.serviceUrl = attr(el, 'data-surl');
      add(w);
    });
  }

  // 3. loader scripts: reCAPTCHA v3 (render=KEY) and Arkose (/v2/<public key>/api.js)
  function fromScripts() {
    scripts.forEach(function (src) {
      // recaptcha/api.js, recaptcha/enterprise.js (google.com, recaptcha.net) or a self-hosted recaptcha.js
      var m = /\/recaptcha(?:\/(api|enterprise))?\.js(?:[?#]|$)/.exec(src);
      var render = m ? param(src, 'render') : null;
      if (render && render !== 'explicit' && render !== 'onload') {
        var w = widget('RECAPTCHA_V3', render, 'script');
        w.enterprise = m[1] === 'enterprise';
        add(w);
      }
      var a = /^(https?:\/\/[^\/]+)\/v2\/([0-9A-Fa-f-]{20,})\/api\.js/.exec(src);
      if (a) {
        var f = widget('FUNCAPTCHA', a[2], 'script');
        f.serviceUrl = a[1];
        add(f);
      }
    });
  }

  // 4. the widgets' own iframes (rendered before the hooks, or by a loader we did not see)
  function fromFrames() {
    document.querySelectorAll('iframe[src]').forEach(function (frame) {
      var src = frame.src || '';
      var w = null;
      if (/\/recaptcha\/(api2|enterprise)\/anchor/.test(src)) {
        var size = param(src, 'size');
        var v3 = size === 'invisible' && !frame.closest('.g-recaptcha');
        w = widget(size === 'invisible' ? (v3 ? 'RECAPTCHA_V3' : 'RECAPTCHA_V2_INVISIBLE') : 'RECAPTCHA_V2',
          param(src, 'k'), 'frame');
        w.invisible = size === 'invisible';
        w.enterprise = /\/recaptcha\/enterprise\//.test(src);
        w.sData = param(src, 's');
      } else if (/hcaptcha\.com\/captcha\//.test(src) || /newassets\.hcaptcha\.com/.test(src)) {
        w = widget('HCAPTCHA', param(src, 'sitekey'), 'frame');
      } else if (/challenges\.cloudflare\.com\//.test(src)) {
        var k = /\/(0x4[A-Za-z0-9_-]{10,})(?:\/|$)/.exec(src);
        w = widget('TURNSTILE', k ? k[1] : null, 'frame');
      }
      if (w) { add(w); }
    });
  }

  // 5. Arkose's hidden token field: "...|pk=PUBLIC_KEY|...|surl=https://...|..."
  function fromTokenFields() {
    document.querySelectorAll('input[name="fc-token"], input#FunCaptcha-Token').forEach(function (input) {
      var v = String(input.value || '');
      var pk = /(?:^|\|)pk=([^|]+)/.exec(v);
      if (pk) {
        var w = widget('FUNCAPTCHA', pk[1], 'token-field');
        var surl = /(?:^|\|)surl=([^|]+)/.exec(v);
        if (surl) {
          try { w.serviceUrl = decodeURIComponent(surl[1]); } catch (e) { w.serviceUrl = surl[1]; }
        }
        add(w);
      }
    });
  }

  // 6. execute and setData calls recorded by widget-hooks.js
  function fromCalls() {
    var log = window.__captchaFeedback;
    (log && log.executes ? log.executes : []).forEach(function (x) {
      var v2 = found['RECAPTCHA_V2|' + x.sitekey];
      if (v2) { return; } // execute(widgetKey, ...) on an invisible v2 widget: not a v3 key
      var w = widget('RECAPTCHA_V3', x.sitekey, 'execute');
      w.enterprise = x.widget === 'recaptcha-enterprise';
      w.action = text(x.action);
      var old = found['RECAPTCHA_V3|' + x.sitekey];
      if (old && w.action) { old.action = w.action; } // the latest action the page executed
      add(w);
    });
    var data = log && log.data ? log.data : [];
    if (data.length) {
      var rqdata = text(data[data.length - 1].rqdata);
      order.forEach(function (k) {
        if (found[k].type === 'HCAPTCHA' && !found[k].rqdata) { found[k].rqdata = rqdata; }
      });
    }
  }

  try {
    [fromRenders, fromMarkup, fromScripts, fromFrames, fromTokenFields, fromCalls].forEach(function (step) {
      try { step(); } catch (e) { /* one source failing must not hide the others */ }
    });
    return JSON.stringify({ url: String(location.href), widgets: order.map(function (k) { return found[k]; }) });
  } catch (e) {
    return JSON.stringify({ url: String(location.href), widgets: [], error: String(e) });
  }
})
