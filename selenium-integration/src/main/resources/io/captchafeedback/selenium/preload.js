// captcha-feedback's preload script for Selenium (WebDriver BiDi script.addPreloadScript), run in every
// new document before the page's scripts. It takes no channel (a channel makes the browser's BiDi side
// set up a binding in every document, which a crawl of pages without a token pays on each page): it
// sends through window.captchaFeedbackEvent, which the probe runner of a tracked token defines with its
// channel, and drops what it would send while none is defined. It
//  - installs the widget hooks (appended by the Java side), which call window.captchaFeedbackEvent with
//    each widget reset/render;
//  - captures the bodies of fetch/XMLHttpRequest responses that are JSON or text (up to 64 KiB) and
//    pushes {kind: 'response', url, method, status, contentType, body}: BiDi reports status and URL of
//    every response, but not bodies. A body that cannot be had (larger than 64 KiB, unreadable, or the
//    page left before it arrived) is pushed as {kind: 'body-missing', url, method, status, why}.
//    Bodies are read and pushed only while a probe runner watches the document (it sets
//    window.__captchaFeedbackUntil to its deadline), so pages crawled with no token pending pay nothing.
() => {
  try {
    var send = function (json) {
      var f = window.captchaFeedbackEvent;
      if (typeof f === 'function') { try { f(json); } catch (e) { /* the channel is gone */ } }
    };
    var MAX = 65536;
    var watched = function () {
      var until = window.__captchaFeedbackUntil;
      return typeof until === 'number' && until > Date.now();
    };
    var wanted = function (type) { return watched() && /json|text|javascript/i.test(type || ''); };
    var missing = function (url, method, status, why) {
      if (!watched()) { return; }
      send(JSON.stringify({ kind: 'body-missing', url: String(url), method: String(method || 'GET').toUpperCase(),
        status: status, why: why }));
    };
    var push = function (url, method, status, type, body) {
      if (!wanted(type) || typeof body !== 'string') { return; }
      if (body.length > MAX) { missing(url, method, status, 'larger than 64 KiB'); return; }
      send(JSON.stringify({ kind: 'response', url: String(url), method: String(method || 'GET').toUpperCase(),
        status: status, contentType: type, body: body }));
    };
    // responses whose headers came and whose body is still on its way: told as missing if the page leaves
    var inFlight = [];
    var leaving = function () {
      var left = inFlight;
      inFlight = [];
      for (var i = 0; i < left.length; i++) {
        missing(left[i].url, left[i].method, left[i].status, 'the page left before the body arrived');
      }
    };
    // told when the navigation starts (the Navigation API), while the channel surely still works; pagehide
    // where that API is missing
    try {
      if (window.navigation && typeof window.navigation.addEventListener === 'function') {
        window.navigation.addEventListener('navigate', function (e) {
          if (!(e.destination && e.destination.sameDocument)) { leaving(); }
        });
      }
    } catch (e) { /* never break the page */ }
    window.addEventListener('pagehide', leaving);
    var settled = function (entry) {
      var i = inFlight.indexOf(entry);
      if (i >= 0) { inFlight.splice(i, 1); }
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
              var entry = { url: response.url, method: method, status: response.status };
              inFlight.push(entry);
              response.clone().text().then(function (body) { settled(entry); push(response.url, method, response.status, type, body); },
                function (e) { settled(entry); missing(response.url, method, response.status, 'could not be read: ' + e); });
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
        var xhr = this;
        try {
          xhr.__captchaFeedbackMethod = method;
          if (!xhr.__captchaFeedbackHeads) {
            xhr.__captchaFeedbackHeads = true;
            // added at open, before the page sets onreadystatechange: the body is known to be on its way
            // before a handler of the page can leave on the status alone
            xhr.addEventListener('readystatechange', function () {
              try {
                if (xhr.readyState === 2 && !xhr.__captchaFeedbackEntry && wanted(xhr.getResponseHeader('content-type'))) {
                  xhr.__captchaFeedbackEntry = { url: xhr.responseURL, method: xhr.__captchaFeedbackMethod, status: xhr.status };
                  inFlight.push(xhr.__captchaFeedbackEntry);
                }
              } catch (e) { /* never break the page */ }
            });
          }
        } catch (e) { /* sealed */ }
        return open.apply(this, arguments);
      };
      XMLHttpRequest.prototype.send = function () {
        var xhr = this;
        try {
          xhr.__captchaFeedbackEntry = null;
          xhr.addEventListener('loadend', function () {
            try {
              var entry = xhr.__captchaFeedbackEntry;
              if (entry) { settled(entry); }
              if (xhr.readyState === 4 && xhr.status === 0 && entry) {
                missing(entry.url, entry.method, entry.status, 'the request was aborted');
              } else if (xhr.responseType === '' || xhr.responseType === 'text') {
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
