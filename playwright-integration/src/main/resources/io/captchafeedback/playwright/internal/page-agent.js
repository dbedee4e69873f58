// captcha-feedback Playwright page agent: an init script added after the widget hooks. It talks to Java
// only through the exposed binding window.captchaFeedbackEvent (JSON strings):
//   {"kind":"hello"}           once per document; Java answers true when a verdict is pending on the page
//   {"kind":"dom"}             the DOM changed (coalesced: one push in flight at a time) while watching;
//                              Java answers false when nothing is pending any more, which stops the watch
//   {"kind":"token","token":t} a captcha response field holds a value not pushed before (input, change,
//                              submit, click, form.submit(), fetch or XHR send), so Java can recognise tokens the user injected; Java
//                              answers true when it started tracking the token's task
// Never throws into the page; inert when the binding is missing or Java detached.
(function () {
  'use strict';
  var B = 'captchaFeedbackEvent';
  try {
    var log = window.__captchaFeedback;
    if (!log || log.agentInstalled) { return; }
    log.agentInstalled = true;
    var send = function (message) {
      try {
        if (typeof window[B] === 'function') {
          return Promise.resolve(window[B](JSON.stringify(message)));
        }
      } catch (e) { /* the engine's hook must not break the page */ }
      return Promise.resolve(null);
    };
    var observer = null;
    var inFlight = false;
    var dirty = false;
    var flush = function () {
      if (inFlight || !dirty || !observer) { return; }
      inFlight = true;
      dirty = false;
      send({ kind: 'dom', at: Date.now() }).then(function (answer) {
        inFlight = false;
        if (answer === false) { watch(false); } else { flush(); }
      }, function () { inFlight = false; });
    };
    var watch = function (on) {
      if (on && !observer && typeof MutationObserver === 'function') {
        observer = new MutationObserver(function () { dirty = true; flush(); });
        observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      } else if (!on && observer) {
        observer.disconnect();
        observer = null;
        dirty = false;
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
            send({ kind: 'token', token: value }).then(function (answer) { if (answer === true) { watch(true); } }, function () {});
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
    send({ kind: 'hello' }).then(function (answer) { if (answer === true) { watch(true); } }, function () {});
  } catch (e) { /* never break the page */ }
})();
