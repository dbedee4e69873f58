  // reCAPTCHA stand-in: grecaptcha.render/execute/reset/getResponse/ready (and grecaptcha.enterprise.*),
  // ___grecaptcha_cfg.clients, textarea[name=g-recaptcha-response] (ids suffixed from the second widget).
  var params = scriptUrl.searchParams;
  var renderParam = params.get('render') || 'onload';
  var v3SiteKey = renderParam !== 'onload' && renderParam !== 'explicit' ? renderParam : null;
  var cfg = window.___grecaptcha_cfg = window.___grecaptcha_cfg || {};
  cfg.clients = cfg.clients || {};
  cfg.count = cfg.count || 0;
  var widgets = [];
  var readyQueue = [];
  var loaded = false;

  function widgetKind(w) {
    return w.size === 'invisible' ? 'recaptcha-v2-invisible' : 'recaptcha-v2';
  }

  function setResponse(w, token) {
    w.textarea.value = token;
    fireChange(w.textarea);
    if (w.ui) { w.ui.setChecked(true); }
    invoke(w.callback, token);
  }

  function solve(w, bad) {
    return fetchToken(widgetKind(w), w.sitekey, null, bad).then(function (token) {
      setResponse(w, token);
      return token;
    });
  }

  function widget(id) {
    var w = widgets[id === undefined || id === null ? 0 : id];
    return w || null;
  }

  function render(container, options) {
    var el = resolveContainer(container, 'grecaptcha.render');
    var opts = Object.assign({}, options || {});
    var data = el.dataset || {};
    var sitekey = opts.sitekey || data.sitekey;
    if (!sitekey) { throw new Error('Missing required parameters: sitekey'); }
    var id = widgets.length;
    var w = {
      id: id,
      sitekey: sitekey,
      size: opts.size || data.size || 'normal',
      callback: opts.callback || data.callback,
      expiredCallback: opts['expired-callback'] || data.expiredCallback,
      resets: 0
    };
    var holder = document.createElement('div');
    holder.className = 'grecaptcha-standin';
    w.textarea = hiddenField('textarea', 'g-recaptcha-response', id === 0 ? 'g-recaptcha-response' : 'g-recaptcha-response-' + id);
    w.textarea.className = 'g-recaptcha-response';
    if (w.size === 'invisible') {
      var badge = document.createElement('div');
      badge.className = 'grecaptcha-badge';
      badge.style.cssText = 'font:10px sans-serif;color:#555;padding:4px;border:1px solid #ddd;display:inline-block;';
      badge.textContent = 'protected by reCAPTCHA (stand-in)';
      holder.appendChild(badge);
    } else {
      w.ui = visibleBox('recaptcha-checkbox', "I'm not a robot", 'reCAPTCHA', function (bad) { solve(w, bad); });
      holder.appendChild(w.ui.box);
    }
    holder.appendChild(w.textarea);
    var isButton = el.tagName === 'BUTTON' || (el.tagName === 'INPUT' && /^(submit|button)$/i.test(el.type));
    if (isButton) {
      el.insertAdjacentElement('afterend', holder);
      el.addEventListener('click', function (e) { e.preventDefault(); solve(w, false); });
    } else {
      el.innerHTML = '';
      el.appendChild(holder);
    }
    w.element = el;
    widgets.push(w);
    // Like the real client: the render parameters, callback included, sit a few levels deep.
    cfg.clients[id] = { id: id, L: { element: holder, M: { sitekey: sitekey, size: w.size,
        callback: w.callback, 'expired-callback': w.expiredCallback, theme: opts.theme || data.theme || 'light' } } };
    cfg.count = widgets.length;
    el.setAttribute('data-standin-widget-id', String(id));
    return id;
  }

  function execute(a, b) {
    if (typeof a === 'string' || (a === undefined && v3SiteKey && !widgets.length)) {
      var sitekey = typeof a === 'string' ? a : v3SiteKey;
      var action = b && b.action ? b.action : null;
      return fetchToken('recaptcha-v3', sitekey, action, false);
    }
    var w = widget(a);
    if (!w) { throw new Error('Invalid reCAPTCHA client id: ' + a); }
    solve(w, false);
    return undefined;
  }

  function reset(id) {
    var w = widget(id);
    if (!w) { return; }
    w.resets += 1;
    w.textarea.value = '';
    fireChange(w.textarea);
    if (w.ui) { w.ui.setChecked(false); }
  }

  function getResponse(id) {
    var w = widget(id);
    return w ? w.textarea.value : '';
  }

  function ready(fn) {
    if (loaded) { setTimeout(fn, 0); } else { readyQueue.push(fn); }
  }

  var api = { render: render, execute: execute, reset: reset, getResponse: getResponse, ready: ready };
  var grecaptcha = window.grecaptcha = Object.assign(window.grecaptcha || {}, api);
  grecaptcha.enterprise = Object.assign({}, api);

  onReady(function () {
    if (v3SiteKey) {
      var badge = document.createElement('div');
      badge.className = 'grecaptcha-badge';
      badge.style.cssText = 'position:fixed;right:8px;bottom:8px;font:10px sans-serif;color:#555;padding:4px;'
          + 'border:1px solid #ddd;background:#fff;';
      badge.textContent = 'protected by reCAPTCHA v3 (stand-in)';
      document.body.appendChild(badge);
    } else if (renderParam !== 'explicit') {
      document.querySelectorAll('.g-recaptcha').forEach(function (el) {
        if (!el.hasAttribute('data-standin-widget-id') && el.dataset.sitekey) { render(el); }
      });
    }
    loaded = true;
    var onload = params.get('onload');
    if (onload) { invoke(onload); }
    readyQueue.splice(0).forEach(function (fn) { fn(); });
  });
