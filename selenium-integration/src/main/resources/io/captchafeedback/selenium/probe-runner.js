// captcha-feedback's in-page probe runner: runs a rule set's compiled probe whenever the document
// changes (MutationObserver, DOMContentLoaded, load, and every 200 ms for what mutations miss) until the
// deadline, and pushes each result that differs from the last through `send` as
// {kind: 'probe', id, at, seq, result}: `at` (high-resolution wall time of the probe) and `seq` (this
// runner's count) let the receiver keep the newest per browsing context, as messages may be handled out
// of order (Selenium's Java client dispatches each BiDi event on its own pool thread). Returns whether
// it could start (it needs a send function).
function (send, id, deadline, probe) {
  if (typeof send !== 'function') { return false; }
  try { // the preload script and the widget hooks send through the newest runner's channel
    Object.defineProperty(window, 'captchaFeedbackEvent', { value: send, writable: true, configurable: true, enumerable: false });
  } catch (e) { /* never break the page */ }
  try { // the preload script reads response bodies until then
    var until = window.__captchaFeedbackUntil;
    if (!(typeof until === 'number' && until >= deadline)) {
      Object.defineProperty(window, '__captchaFeedbackUntil', { value: deadline, writable: true, configurable: true, enumerable: false });
    }
  } catch (e) { /* never break the page */ }
  var last = null;
  var seq = 0;
  var scheduled = false;
  var observer = null;
  var timer = null;
  function stop() {
    try { if (observer) { observer.disconnect(); } if (timer) { clearInterval(timer); } } catch (e) { /* ignore */ }
  }
  function run() {
    scheduled = false;
    if (Date.now() > deadline) { stop(); return; }
    if (!document.body) { return; } // a preload runs before the document has one; mutations bring it
    var r;
    try { r = probe(); } catch (e) { return; }
    var key = null;
    try {
      key = JSON.stringify([r.url, r.cookies, (r.c || []).map(function (x) { return [x.m, x.x, x.e]; }),
        (r.resets || []).length, (r.renders || []).length]);
    } catch (e) { /* push it anyway */ }
    if (key !== null && key === last) { return; }
    last = key;
    var at = Date.now();
    try { at = performance.timeOrigin + performance.now(); } catch (e) { /* Date.now() then */ }
    seq++;
    try { send(JSON.stringify({ kind: 'probe', id: id, at: at, seq: seq, result: r })); } catch (e) { /* ignore */ }
  }
  function schedule() {
    if (!scheduled) { scheduled = true; setTimeout(run, 0); }
  }
  try {
    observer = new MutationObserver(schedule);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    document.addEventListener('DOMContentLoaded', schedule);
    window.addEventListener('load', schedule);
    timer = setInterval(schedule, 200);
  } catch (e) { /* probe once at least */ }
  schedule();
  return true;
}
