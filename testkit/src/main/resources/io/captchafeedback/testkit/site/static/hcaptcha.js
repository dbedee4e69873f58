  // hCaptcha stand-in: hcaptcha.render/execute/reset/getResponse/getRespKey/remove, an iframe carrying
  // data-hcaptcha-widget-id and data-hcaptcha-response, textarea[name=h-captcha-response] mirrored
  // into textarea[name=g-recaptcha-response].
  var params = scriptUrl.searchParams;
  var widgets = {};
  var order = [];

  function widget(id) {
    return widgets[id === undefined || id === null ? order[0] : id] || null;
  }

  function setResponse(w, token) {
    w.hField.value = token;
    w.gField.value = token;
    w.iframe.setAttribute('data-hcaptcha-response', token);
    fireChange(w.hField);
    if (w.ui) { w.ui.setChecked(true); }
    invoke(w.callback, token);
  }

  function solve(w, bad) {
    return fetchToken('hcaptcha', w.sitekey, null, bad).then(function (token) {
      setResponse(w, token);
      return token;
    });
  }

  function render(container, options) {
    var el = resolveContainer(container, 'hcaptcha.render');
    var opts = Object.assign({}, options || {});
    var data = el.dataset || {};
    var sitekey = opts.sitekey || data.sitekey;
    if (!sitekey) { throw new Error('[hCaptcha] Missing sitekey'); }
    var id = Math.random().toString(36).slice(2, 12);
    var w = { id: id, sitekey: sitekey, size: opts.size || data.size || 'normal',
      callback: opts.callback || data.callback, expiredCallback: opts['expired-callback'] || data.expiredCallback,
      resets: 0 };
    w.iframe = document.createElement('iframe');
    w.iframe.src = 'about:blank';
    w.iframe.title = 'Widget containing checkbox for hCaptcha security challenge';
    w.iframe.setAttribute('data-hcaptcha-widget-id', id);
    w.iframe.setAttribute('data-hcaptcha-response', '');
    w.iframe.style.cssText = 'width:0;height:0;border:0;display:block;';
    w.hField = hiddenField('textarea', 'h-captcha-response', 'h-captcha-response-' + id);
    w.gField = hiddenField('textarea', 'g-recaptcha-response', 'g-recaptcha-response-' + id);
    el.innerHTML = '';
    if (w.size !== 'invisible') {
      w.ui = visibleBox('hcaptcha-checkbox', 'I am human', 'hCaptcha', function (bad) { solve(w, bad); });
      el.appendChild(w.ui.box);
    }
    el.appendChild(w.iframe);
    el.appendChild(w.hField);
    el.appendChild(w.gField);
    el.setAttribute('data-hcaptcha-widget-id', id);
    widgets[id] = w;
    order.push(id);
    return id;
  }

  function execute(id, opts) {
    if (id && typeof id === 'object') { opts = id; id = undefined; }
    var w = widget(id);
    if (!w) { throw new Error('[hCaptcha] no widget to execute'); }
    var p = solve(w, false).then(function (token) { return { response: token, key: 'E0_standin' }; });
    if (opts && opts.async) { return p; }
    return undefined;
  }

  function reset(id) {
    var w = widget(id);
    if (!w) { return; }
    w.resets += 1;
    w.hField.value = '';
    w.gField.value = '';
    w.iframe.setAttribute('data-hcaptcha-response', '');
    fireChange(w.hField);
    if (w.ui) { w.ui.setChecked(false); }
  }

  function getResponse(id) {
    var w = widget(id);
    return w ? w.hField.value : '';
  }

  function remove(id) {
    var w = widget(id);
    if (w) {
      w.iframe.parentNode && w.iframe.parentNode.removeChild(w.iframe);
      delete widgets[w.id];
      order.splice(order.indexOf(w.id), 1);
    }
  }

  window.hcaptcha = { render: render, execute: execute, reset: reset, getResponse: getResponse,
    getRespKey: function () { return 'E0_standin'; }, remove: remove };

  onReady(function () {
    if (params.get('render') !== 'explicit') {
      document.querySelectorAll('.h-captcha').forEach(function (el) {
        if (!el.hasAttribute('data-hcaptcha-widget-id') && el.dataset.sitekey) { render(el); }
      });
    }
    var onload = params.get('onload');
    if (onload) { invoke(onload); }
  });
