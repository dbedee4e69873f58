// captcha-feedback widget hooks: an init script, run before the page's own scripts.
// Whenever grecaptcha, grecaptcha.enterprise, hcaptcha or turnstile appears, their reset and render
// functions are wrapped to record each call in window.__captchaFeedback:
//   resets:  [{widget, at, id}]                      at = Date.now()
//   renders: [{widget, at, container, el, sitekey, options, callback, style}]  (kept for injection)
// Arkose Labs (FunCaptcha) is hooked through both of its client APIs: the legacy constructors
// `new ArkoseEnforcement({public_key, target_html, callback|onCompleted})` / `new FunCaptcha({...})`, and
// the current one, where api.js calls the function named by its script tag's data-callback with an
// enforcement object whose setConfig({onCompleted, onReset, ...}) and reset() are wrapped
// (https://developer.arkoselabs.com/docs/client-api). Their completion callbacks are recorded as
// renders of widget 'arkose' (style 'response' = called with {token}); enforcement.reset() as a reset.
// For the finder (find.js) it also records, without changing them:
//   executes: [{widget, at, sitekey, action}]  grecaptcha[.enterprise].execute(sitekey, {action}) (v3;
//             execute(sitekey: string, {action}) per cloud.google.com/recaptcha/docs/api-ref-checkbox-keys)
//   data:     [{widget, at, id, rqdata}]       hcaptcha.setData([widgetId,] {rqdata}) (Enterprise, per
//             docs.hcaptcha.com/enterprise; not re-checked in this pass)
// and, when the engine exposed a function window.captchaFeedbackEvent, it is called with a JSON string
// {"kind":"reset"|"render","widget":...,"at":...}. Idempotent; never throws into the page.
(function () {
  'use strict';
  var G = '__captchaFeedback';
  try {
    if (window[G] && window[G].hooksInstalled) { return; }
    var log = window[G] || {};
    try {
      Object.defineProperty(window, G, { value: log, configurable: false, enumerable: false, writable: false });
    } catch (e) { window[G] = log; }
    log.version = 1;
    log.resets = log.resets || [];
    log.renders = log.renders || [];
    log.executes = log.executes || [];
    log.data = log.data || [];
    log.hooksInstalled = true;
    var MAX_ENTRIES = 200;

    function push(list, entry) {
      if (list.length >= MAX_ENTRIES) { list.shift(); }
      list.push(entry);
    }
    function notify(kind, widget, at) {
      try {
        if (typeof window.captchaFeedbackEvent === 'function') {
          window.captchaFeedbackEvent(JSON.stringify({ kind: kind, widget: widget, at: at }));
        }
      } catch (e) { /* the engine's hook must not break the page */ }
    }
    function idOf(v) {
      if (v === undefined || v === null) { return null; }
      if (typeof v === 'string' || typeof v === 'number') { return String(v); }
      if (v && v.id) { return '#' + v.id; }
      return null;
    }
    function elementOf(container) {
      try {
        if (typeof container === 'string') {
          return document.getElementById(container.charAt(0) === '#' ? container.slice(1) : container)
            || document.querySelector(container);
        }
        return container && container.nodeType === 1 ? container : null;
      } catch (e) { return null; }
    }
    function record(kind, widget, args) {
      try {
        var at = Date.now();
        if (kind === 'reset') {
          push(log.resets, { widget: widget, at: at, id: idOf(args[0]) });
        } else {
          var opts = args[1] && typeof args[1] === 'object' ? args[1] : {};
          var container = args[0];
          var el = elementOf(container);
          var sitekey = opts.sitekey || (el && el.getAttribute ? el.getAttribute('data-sitekey') : null);
          push(log.renders, { widget: widget, at: at, container: idOf(container), el: el, sitekey: sitekey || null,
            options: opts, callback: typeof opts.callback === 'function' ? opts.callback : (opts.callback || null),
            style: 'token' });
        }
        notify(kind, widget, at);
      } catch (e) { /* recording must not break the widget */ }
    }
    function recordArkose(container, publicKey, opts, callback, style) {
      try {
        var at = Date.now();
        push(log.renders, { widget: 'arkose', at: at, container: idOf(container), el: elementOf(container),
          sitekey: publicKey || null, options: opts, callback: callback || null, style: style });
        notify('render', 'arkose', at);
      } catch (e) { /* recording must not break the widget */ }
    }
    // Wraps fn so that note(arguments) is called first; fn's behaviour and result are unchanged.
    function observe(fn, note) {
      if (typeof fn !== 'function' || fn.__captchaFeedbackWrapped) { return fn; }
      var wrapped = function () {
        try { note(arguments); } catch (e) { /* recording must not break the widget */ }
        return fn.apply(this, arguments);
      };
      try {
        Object.defineProperty(wrapped, '__captchaFeedbackWrapped', { value: true });
        Object.defineProperty(wrapped, '__captchaFeedbackOriginal', { value: fn });
      } catch (e) { /* cosmetic only */ }
      return wrapped;
    }
    function noteExecute(widget) {
      return function (args) {
        var opts = args[1] && typeof args[1] === 'object' ? args[1] : null;
        if (typeof args[0] === 'string' && opts) {
          push(log.executes, { widget: widget, at: Date.now(), sitekey: args[0],
            action: opts.action === undefined || opts.action === null ? null : String(opts.action) });
        }
      };
    }
    function noteSetData(args) {
      var data = args.length > 1 ? args[1] : args[0];
      if (data && typeof data === 'object' && data.rqdata) {
        push(log.data, { widget: 'hcaptcha', at: Date.now(), id: args.length > 1 ? idOf(args[0]) : null,
          rqdata: String(data.rqdata) });
      }
    }
    function wrap(fn, kind, widget) {
      if (typeof fn !== 'function' || fn.__captchaFeedbackWrapped) { return fn; }
      var wrapped = function () {
        record(kind, widget, arguments);
        return fn.apply(this, arguments);
      };
      try {
        Object.defineProperty(wrapped, '__captchaFeedbackWrapped', { value: true });
        Object.defineProperty(wrapped, '__captchaFeedbackOriginal', { value: fn });
        Object.defineProperty(wrapped, 'length', { value: fn.length });
        Object.defineProperty(wrapped, 'name', { value: fn.name });
      } catch (e) { /* cosmetic only */ }
      return wrapped;
    }
    // Keeps obj[name] wrapped now and after later assignments, through an accessor property.
    function hookProperty(obj, name, onValue) {
      var desc;
      try { desc = Object.getOwnPropertyDescriptor(obj, name); } catch (e) { return false; }
      if (desc && desc.get && desc.get.__captchaFeedbackHook) { return true; }
      if (desc && !desc.configurable) { return false; }
      var value = onValue(desc ? ('value' in desc ? desc.value : (desc.get ? desc.get.call(obj) : undefined)) : undefined);
      var getter = function () { return value; };
      getter.__captchaFeedbackHook = true;
      try {
        Object.defineProperty(obj, name, {
          configurable: true,
          enumerable: desc ? desc.enumerable : true,
          get: getter,
          set: function (v) { value = onValue(v); }
        });
        return true;
      } catch (e) { return false; }
    }
    function hookApi(api, widget) {
      if (!api || (typeof api !== 'object' && typeof api !== 'function')) { return api; }
      try {
        var okReset = hookProperty(api, 'reset', function (fn) { return wrap(fn, 'reset', widget); });
        var okRender = hookProperty(api, 'render', function (fn) { return wrap(fn, 'render', widget); });
        if (!okReset && typeof api.reset === 'function' && !api.reset.__captchaFeedbackWrapped) {
          try { api.reset = wrap(api.reset, 'reset', widget); } catch (e) { /* frozen */ }
        }
        if (!okRender && typeof api.render === 'function' && !api.render.__captchaFeedbackWrapped) {
          try { api.render = wrap(api.render, 'render', widget); } catch (e) { /* frozen */ }
        }
        if (widget === 'recaptcha' || widget === 'recaptcha-enterprise') {
          hookProperty(api, 'execute', function (fn) { return observe(fn, noteExecute(widget)); });
        }
        if (widget === 'hcaptcha') {
          hookProperty(api, 'setData', function (fn) { return observe(fn, noteSetData); });
        }
        if (widget === 'recaptcha') {
          hookProperty(api, 'enterprise', function (ent) { return hookApi(ent, 'recaptcha-enterprise'); });
        }
      } catch (e) { /* never break the widget */ }
      return api;
    }
    // ---- Arkose Labs ----
    function wrapArkoseCtor(Ctor) {
      if (typeof Ctor !== 'function' || Ctor.__captchaFeedbackWrapped) { return Ctor; }
      var Wrapped = function (opts) {
        var o = opts && typeof opts === 'object' ? opts : {};
        var completed = typeof o.onCompleted === 'function' ? o.onCompleted : null;
        recordArkose(o.target_html || o.selector || null, o.public_key || o.publicKey || null, o,
          completed || o.callback || null, completed ? 'response' : 'token');
        var instance = Reflect.construct(Ctor, arguments, new.target || Ctor);
        try {
          ['reset', 'refresh_session'].forEach(function (m) {
            if (instance && typeof instance[m] === 'function') { instance[m] = wrap(instance[m], 'reset', 'arkose'); }
          });
        } catch (e) { /* frozen */ }
        return instance;
      };
      try {
        Wrapped.prototype = Ctor.prototype;
        Object.defineProperty(Wrapped, '__captchaFeedbackWrapped', { value: true });
        Object.defineProperty(Wrapped, '__captchaFeedbackOriginal', { value: Ctor });
      } catch (e) { /* cosmetic only */ }
      return Wrapped;
    }
    function arkoseKeyOf(script) {
      var m = /\/v2\/([0-9A-Za-z-]{8,})\/api\.js/.exec(script && script.src || '');
      return m ? m[1] : (script && script.getAttribute('data-pkey')) || null;
    }
    function hookEnforcement(enforcement, publicKey) {
      if (!enforcement || typeof enforcement !== 'object' || enforcement.__captchaFeedbackHooked) { return; }
      try { Object.defineProperty(enforcement, '__captchaFeedbackHooked', { value: true }); } catch (e) { return; }
      var config = {};
      if (typeof enforcement.setConfig === 'function') {
        var setConfig = enforcement.setConfig;
        enforcement.setConfig = function (c) {
          try {
            if (c && typeof c === 'object') {
              for (var k in c) { if (Object.prototype.hasOwnProperty.call(c, k)) { config[k] = c[k]; } }
              if (typeof c.onCompleted === 'function') {
                recordArkose(config.selector || null, config.publicKey || publicKey, config, c.onCompleted, 'response');
              }
            }
          } catch (e) { /* recording must not break the widget */ }
          return setConfig.apply(this, arguments);
        };
      }
      if (typeof enforcement.reset === 'function') { enforcement.reset = wrap(enforcement.reset, 'reset', 'arkose'); }
    }
    var arkoseCallbacks = {};
    // The function named by an Arkose api.js script's data-callback receives the enforcement object.
    function hookArkoseScripts() {
      var scripts = document.querySelectorAll('script[data-callback]');
      for (var i = 0; i < scripts.length; i++) {
        var src = scripts[i].src || '';
        if (!/arkoselabs|funcaptcha|arkose|\/v2\/[0-9A-Za-z-]{8,}\/api\.js/i.test(src)) { continue; }
        var name = scripts[i].getAttribute('data-callback');
        if (!name) { continue; }
        arkoseCallbacks[name] = arkoseKeyOf(scripts[i]);
      }
      Object.keys(arkoseCallbacks).forEach(function (name) {
        var fn = window[name];
        if (typeof fn !== 'function' || fn.__captchaFeedbackWrapped) { return; }
        var key = arkoseCallbacks[name];
        var wrapped = function (enforcement) {
          hookEnforcement(enforcement, key);
          return fn.apply(this, arguments);
        };
        try { Object.defineProperty(wrapped, '__captchaFeedbackWrapped', { value: true }); } catch (e) { /* ignore */ }
        try { window[name] = wrapped; } catch (e) { /* not writable */ }
      });
    }
    ['ArkoseEnforcement', 'FunCaptcha'].forEach(function (name) {
      hookProperty(window, name, wrapArkoseCtor);
    });
    try {
      if (typeof MutationObserver === 'function') {
        new MutationObserver(hookArkoseScripts).observe(document, { childList: true, subtree: true });
      }
      document.addEventListener('DOMContentLoaded', hookArkoseScripts);
    } catch (e) { /* the poll below still runs */ }

    var NAMES = { grecaptcha: 'recaptcha', hcaptcha: 'hcaptcha', turnstile: 'turnstile', funcaptcha: 'arkose' };
    var unhooked = [];
    Object.keys(NAMES).forEach(function (name) {
      if (!hookProperty(window, name, function (api) { return hookApi(api, NAMES[name]); })) {
        unhooked.push(name);
      }
    });
    // Safety net for 30 s: globals that could not carry an accessor, or whose accessor a vendor script
    // replaced with its own property, are (re)wrapped in place by a short poll.
    var polls = 0;
    var timer = setInterval(function () {
      polls++;
      Object.keys(NAMES).forEach(function (name) {
        try {
          var d = Object.getOwnPropertyDescriptor(window, name);
          if (unhooked.indexOf(name) >= 0 || (d && !(d.get && d.get.__captchaFeedbackHook))) {
            hookApi(window[name], NAMES[name]);
          }
        } catch (e) { /* ignore */ }
      });
      try {
        hookArkoseScripts();
        ['ArkoseEnforcement', 'FunCaptcha'].forEach(function (name) {
          if (typeof window[name] === 'function' && !window[name].__captchaFeedbackWrapped) {
            try { window[name] = wrapArkoseCtor(window[name]); } catch (e) { /* not writable */ }
          }
        });
      } catch (e) { /* ignore */ }
      if (polls >= (unhooked.length ? 600 : 120)) { clearInterval(timer); }
    }, unhooked.length ? 50 : 250);
  } catch (e) { /* never break the page */ }
})();
