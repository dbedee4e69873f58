// captcha-feedback's preload script for Selenium (WebDriver BiDi script.addPreloadScript), run in every
// new document before the page's scripts, with a BiDi channel function as its argument. It
//  - exposes window.captchaFeedbackEvent, which the widget hooks (appended by the Java side) call with
//    each widget reset/render, and which probe runners use to push their results;
//  - captures the bodies of fetch/XMLHttpRequest responses that are JSON or text (up to 64 KiB) and
//    pushes {kind: 'response', url, method, status, contentType, body}: BiDi reports status and URL of
//    every response, but not bodies.
(channel) => {
  try {
    var send = function (json) { try { channel(json); } catch (e) { /* the channel is gone */ } };
    try {
      Object.defineProperty(window, 'captchaFeedbackEvent', { value: send, configurable: true, enumerable: false, writable: false });
    } catch (e) { window.captchaFeedbackEvent = send; }
    var MAX = 65536;
    var wanted = function (type) { return /json|text|javascript/i.test(type || ''); };
    var push = function (url, method, status, type, body) {
      if (!wanted(type) || typeof body !== 'string' || body.length > MAX) { return; }
      send(JSON.stringify({ kind: 'response', url: String(url), method: String(method || 'GET').toUpperCase(),
        status: status, contentType: type, body: body }));
    };
    if (typeof window.fetch === 'function') {
      var originalFetch = window.fetch;
      window.fetch = function (input, init) {
        var method = (init && init.method) || (input && input.method) || 'GET';
        var p = originalFetch.apply(this, arguments);
        try {
          p.then(function (response) {
            var type = response.headers.get('content-type');
            if (wanted(type)) {
              response.clone().text().then(function (body) { push(response.url, method, response.status, type, body); }, function () {});
            }
          }, function () {});
        } catch (e) { /* never break the page */ }
        return p;
      };
    }
    if (typeof XMLHttpRequest === 'function') {
      var open = XMLHttpRequest.prototype.open;
      var sendXhr = XMLHttpRequest.prototype.send;
      XMLHttpRequest.prototype.open = function (method, url) {
        try { this.__captchaFeedbackMethod = method; } catch (e) { /* sealed */ }
        return open.apply(this, arguments);
      };
      XMLHttpRequest.prototype.send = function () {
        var xhr = this;
        try {
          xhr.addEventListener('loadend', function () {
            try {
              if (xhr.responseType === '' || xhr.responseType === 'text') {
                push(xhr.responseURL, xhr.__captchaFeedbackMethod, xhr.status, xhr.getResponseHeader('content-type'), xhr.responseText);
              }
            } catch (e) { /* never break the page */ }
          });
        } catch (e) { /* never break the page */ }
        return sendXhr.apply(this, arguments);
      };
    }
  } catch (e) { /* never break the page */ }
  /*WIDGET_HOOKS*/
}
