  // FunCaptcha / Arkose Labs stand-in: the legacy `new FunCaptcha({public_key, target_html, callback})`,
  // auto-rendered `[data-pkey]` elements, the Arkose enforcement object handed to the script's
  // data-callback (setConfig({onCompleted}), run(), reset()), and the hidden inputs
  // #FunCaptcha-Token (posted as fc-token) and #verification-token. `funcaptcha.render/reset/getResponse`
  // is a convenience of the stand-in.
  var dataCallback = currentScript ? currentScript.getAttribute('data-callback') : null;
  var widgets = [];
  var enforcementConfig = {};

  function widget(id) {
    return widgets[id === undefined || id === null ? 0 : id] || null;
  }

  function setResponse(w, token) {
    w.tokenField.value = token;
    w.verificationField.value = token;
    fireChange(w.tokenField);
    fireChange(w.verificationField);
    w.ui.setChecked(true);
    invoke(w.callback, token);
    if (typeof enforcementConfig.onCompleted === 'function') { enforcementConfig.onCompleted({ token: token }); }
  }

  function solve(w, bad) {
    return fetchToken('funcaptcha', w.publicKey, null, bad).then(function (token) {
      setResponse(w, token);
      return token;
    });
  }

  function render(container, options) {
    var el = resolveContainer(container, 'funcaptcha.render');
    var opts = Object.assign({}, options || {});
    var data = el.dataset || {};
    var publicKey = opts.public_key || opts.publicKey || data.pkey;
    if (!publicKey) { throw new Error('FunCaptcha: missing public key'); }
    var id = widgets.length;
    var w = { id: id, publicKey: publicKey, callback: opts.callback || data.callback, resets: 0 };
    el.innerHTML = '';
    w.ui = visibleBox('funcaptcha-checkbox', 'Verify', 'Arkose Labs', function (bad) { solve(w, bad); });
    el.appendChild(w.ui.box);
    w.tokenField = hiddenField('input', 'fc-token', id === 0 ? 'FunCaptcha-Token' : 'FunCaptcha-Token-' + id);
    w.verificationField = hiddenField('input', 'verification-token', id === 0 ? 'verification-token' : 'verification-token-' + id);
    el.appendChild(w.tokenField);
    el.appendChild(w.verificationField);
    el.setAttribute('data-funcaptcha-widget-id', String(id));
    widgets.push(w);
    return id;
  }

  function reset(id) {
    var w = widget(id);
    if (!w) { return; }
    w.resets += 1;
    w.tokenField.value = '';
    w.verificationField.value = '';
    fireChange(w.tokenField);
    w.ui.setChecked(false);
  }

  function getResponse(id) {
    var w = widget(id);
    return w ? w.tokenField.value : '';
  }

  window.funcaptcha = { render: render, reset: reset, getResponse: getResponse };
  window.FunCaptcha = function (opts) {
    this.id = render(opts.target_html || 'FunCaptcha', opts);
  };
  var enforcement = {
    setConfig: function (config) { enforcementConfig = Object.assign(enforcementConfig, config || {}); },
    getConfig: function () { return enforcementConfig; },
    run: function () { var w = widget(0); if (w) { solve(w, false); } },
    reset: function () { reset(0); }
  };

  onReady(function () {
    document.querySelectorAll('[data-pkey]').forEach(function (el) {
      if (!el.hasAttribute('data-funcaptcha-widget-id')) { render(el); }
    });
    if (dataCallback) { invoke(dataCallback, enforcement); }
  });
