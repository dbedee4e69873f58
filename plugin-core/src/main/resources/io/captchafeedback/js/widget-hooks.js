// captcha-feedback widget hooks: an init script, run before the page's own scripts.
// Whenever grecaptcha, grecaptcha.enterprise, hcaptcha or turnstile appears, their reset and render
// functions are wrapped to record each call in window.__captchaFeedback:
//   resets:  [{widget, at, id}]                      at = Date.now()
//   renders: [{widget, at, container, sitekey, options, callback}]  (options/callback kept for injection)
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
    function record(kind, widget, args) {
      try {
        var at = Date.now();
        if (kind === 'reset') {
          push(log.resets, { widget: widget, at: at, id: idOf(args[0]) });
        } else {
          var opts = args[1] && typeof args[1] === 'object' ? args[1] : {};
          var container = args[0];
          var sitekey = opts.sitekey || (container && container.getAttribute ? container.getAttribute('data-sitekey') : null);
          push(log.renders, { widget: widget, at: at, container: idOf(container), sitekey: sitekey || null,
            options: opts, callback: typeof opts.callback === 'function' ? opts.callback : (opts.callback || null) });
        }
        notify(kind, widget, at);
      } catch (e) { /* recording must not break the widget */ }
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
        if (widget === 'recaptcha') {
          hookProperty(api, 'enterprise', function (ent) { return hookApi(ent, 'recaptcha-enterprise'); });
        }
      } catch (e) { /* never break the widget */ }
      return api;
    }
    var NAMES = { grecaptcha: 'recaptcha', hcaptcha: 'hcaptcha', turnstile: 'turnstile' };
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
      if (polls >= (unhooked.length ? 600 : 120)) { clearInterval(timer); }
    }, unhooked.length ? 50 : 250);
  } catch (e) { /* never break the page */ }
})();
