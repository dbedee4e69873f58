// captcha-feedback Playwright page agent: an init script added after the widget hooks, in every frame of
// every page. It talks to Java only by fire-and-forget console.debug messages "captcha-feedback:<json>"
// (no exposed binding: a binding call is answered by Java, and an answer racing a context's close threw
// out of the user's close()). Messages:
//   {"kind":"dom"}             the DOM changed (at most one message per 40 ms) while Java asked to watch
//   {"kind":"token","token":t} a captcha response field holds a value not sent before (input, change,
//                              submit, click, form.submit(), fetch or XHR send), so Java can recognise
//                              tokens the user injected; the agent then watches the DOM for a minute
//   {"kind":"reset"|"render"}  from the widget hooks, through window.captchaFeedbackEvent
// Java turns the DOM watch on with window.__captchaFeedback.watch(untilEpochMillis) when a verdict is
// pending on the page (in the same evaluate that probes the page); the watch ends by itself at that time.
// Never throws into the page.
(function () {
  'use strict';
  var PREFIX = 'captcha-feedback:';
  try {
    var log = window.__captchaFeedback;
    if (!log || log.agentInstalled) { return; }
    log.agentInstalled = true;
    var con = console;
    var debug = console.debug;
    var sendText = function (text) {
      try { debug.call(con, PREFIX + text); } catch (e) { /* the page replaced console: nothing to do */ }
    };
    var send = function (message) { sendText(JSON.stringify(message)); };
    if (typeof window.captchaFeedbackEvent !== 'function') {
      try {
        Object.defineProperty(window, 'captchaFeedbackEvent', { value: function (json) { sendText(String(json)); },
          configurable: true, enumerable: false, writable: false });
      } catch (e) { /* sealed window: resets are still read by the probe */ }
    }
    var observer = null;
    var until = 0;
    var timer = null;
    var flush = function () {
      timer = null;
      if (Date.now() > until) { watch(0); return; }
      send({ kind: 'dom', at: Date.now() });
    };
    var watch = function (deadline) {
      if (deadline === 0 || deadline === false) {
        until = 0;
      } else {
        until = Math.max(until, typeof deadline === 'number' ? deadline : Date.now() + 60000);
      }
      if (until > Date.now()) {
        if (!observer && typeof MutationObserver === 'function') {
          observer = new MutationObserver(function () { if (!timer) { timer = setTimeout(flush, 40); } });
          observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        }
      } else if (observer) {
        observer.disconnect();
        observer = null;
      }
      return !!observer;
    };
    log.watch = watch;

    var FIELDS = '[name^="g-recaptcha-response"], [name="h-captcha-response"],'
      + ' [name="cf-turnstile-response"], [name="fc-token"], #FunCaptcha-Token,'
      + ' #verification-token, iframe[data-hcaptcha-response]';
    var pushed = {};
    var scan = function () {
      try {
        var found = document.querySelectorAll(FIELDS);
        for (var i = 0; i < found.length; i++) {
          var el = found[i];
          var value = el.tagName === 'IFRAME' ? el.getAttribute('data-hcaptcha-response') : el.value;
          if (typeof value === 'string' && value.length >= 16 && !pushed[value]) {
            pushed[value] = true;
            send({ kind: 'token', token: value });
            watch(Date.now() + 60000);
          }
        }
      } catch (e) { /* ignore */ }
    };
    ['input', 'change', 'submit', 'click'].forEach(function (type) {
      document.addEventListener(type, scan, true);
    });
    // Pages that send the token without an event: form.submit() (no submit event), fetch and XHR.
    var scanBefore = function (owner, name) {
      try {
        var original = owner[name];
        if (typeof original !== 'function' || original.__captchaFeedbackScan) { return; }
        var wrapped = function () { scan(); return original.apply(this, arguments); };
        Object.defineProperty(wrapped, '__captchaFeedbackScan', { value: true });
        owner[name] = wrapped;
      } catch (e) { /* frozen: events still work */ }
    };
    scanBefore(HTMLFormElement.prototype, 'submit');
    scanBefore(window, 'fetch');
    scanBefore(XMLHttpRequest.prototype, 'send');
  } catch (e) { /* never break the page */ }
})();
