  // Shared part of the captcha widget stand-ins served by the captcha-feedback demo site.
  // They mimic the public client APIs of the real widgets and never leave the page's origin: a click
  // on the visible box asks the demo site (/api/token) for a token issued by the provider emulator.
  var currentScript = document.currentScript;
  var scriptUrl = new URL(currentScript && currentScript.src ? currentScript.src : location.href, location.href);
  var tokenEndpoint = new URL('/api/token', scriptUrl).href;

  function fetchToken(widget, sitekey, action, bad) {
    var url = new URL(tokenEndpoint);
    url.searchParams.set('widget', widget);
    url.searchParams.set('sitekey', sitekey || '');
    if (action) { url.searchParams.set('action', action); }
    if (bad) { url.searchParams.set('quality', 'bad'); }
    return fetch(url.href, { method: 'POST' }).then(function (r) {
      if (!r.ok) { throw new Error('token endpoint answered HTTP ' + r.status); }
      return r.json();
    }).then(function (data) { return data.token; });
  }

  function fireChange(field) {
    field.dispatchEvent(new Event('input', { bubbles: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function callbackOf(value) {
    if (typeof value === 'function') { return value; }
    if (typeof value === 'string' && typeof window[value] === 'function') { return window[value]; }
    return null;
  }

  function invoke(value, arg) {
    var fn = callbackOf(value);
    if (fn) { fn(arg); }
    return !!fn;
  }

  function onReady(fn) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', fn);
    } else {
      setTimeout(fn, 0);
    }
  }

  function resolveContainer(container, what) {
    var el = typeof container === 'string'
        ? (document.getElementById(container) || document.querySelector(container))
        : container;
    if (!el || !el.nodeType) { throw new Error(what + ': container must be an element or an element id'); }
    return el;
  }

  function hiddenField(tag, name, id) {
    var f = document.createElement(tag);
    if (tag === 'input') { f.type = 'hidden'; }
    f.name = name;
    if (id) { f.id = id; }
    if (tag === 'textarea') { f.style.display = 'none'; }
    return f;
  }

  // A visible box like the real checkbox widget: a click gets a good token, the small link a bad one.
  function visibleBox(cssClass, label, brand, onSolve) {
    var box = document.createElement('div');
    box.className = 'captcha-standin ' + cssClass;
    box.style.cssText = 'display:inline-flex;align-items:center;gap:10px;width:300px;height:74px;padding:0 12px;'
        + 'box-sizing:border-box;border:1px solid #d3d3d3;border-radius:3px;background:#f9f9f9;'
        + 'font:14px sans-serif;color:#222;';
    var check = document.createElement('span');
    check.className = 'captcha-standin-check';
    check.setAttribute('role', 'checkbox');
    check.setAttribute('aria-checked', 'false');
    check.tabIndex = 0;
    check.style.cssText = 'width:24px;height:24px;border:2px solid #c1c1c1;border-radius:2px;background:#fff;'
        + 'cursor:pointer;display:inline-block;text-align:center;line-height:24px;color:#009e55;font-weight:bold;';
    var text = document.createElement('span');
    text.className = 'captcha-standin-label';
    text.textContent = label;
    var side = document.createElement('span');
    side.style.cssText = 'margin-left:auto;font-size:10px;color:#555;text-align:right;';
    side.innerHTML = '';
    var brandEl = document.createElement('div');
    brandEl.textContent = brand + ' (stand-in)';
    var bad = document.createElement('a');
    bad.href = '#';
    bad.className = 'captcha-standin-bad';
    bad.textContent = 'get a bad token';
    side.appendChild(brandEl);
    side.appendChild(bad);
    box.appendChild(check);
    box.appendChild(text);
    box.appendChild(side);
    check.addEventListener('click', function (e) { e.preventDefault(); onSolve(false); });
    bad.addEventListener('click', function (e) { e.preventDefault(); onSolve(true); });
    return {
      box: box,
      setChecked: function (checked) {
        check.setAttribute('aria-checked', checked ? 'true' : 'false');
        check.textContent = checked ? '\u2713' : '';
      }
    };
  }
