  // Cloudflare Turnstile stand-in: turnstile.render/execute/reset/getResponse/remove/isExpired/ready and
  // input[name=cf-turnstile-response] (or the name from data-response-field-name).
  var params = scriptUrl.searchParams;
  var widgets = {};
  var order = [];
  var readyQueue = [];
  var loaded = false;

  function widget(id) {
    if (id && typeof id === 'object' && id.nodeType) { id = id.getAttribute('data-turnstile-widget-id'); }
    if (typeof id === 'string' && !widgets[id] && (id.charAt(0) === '#' || id.charAt(0) === '.')) {
      var el = document.querySelector(id);
      id = el ? el.getAttribute('data-turnstile-widget-id') : id;
    }
    return widgets[id === undefined || id === null ? order[0] : id] || null;
  }

  function setResponse(w, token) {
    if (w.field) {
      w.field.value = token;
      fireChange(w.field);
    }
    if (w.ui) { w.ui.setChecked(true); }
    invoke(w.callback, token);
  }

  function solve(w, bad) {
    return fetchToken('turnstile', w.sitekey, w.action, bad).then(function (token) {
      setResponse(w, token);
      return token;
    });
  }

  function render(container, options) {
    var el = resolveContainer(container, 'turnstile.render');
    var opts = Object.assign({}, options || {});
    var data = el.dataset || {};
    var sitekey = opts.sitekey || data.sitekey;
    if (!sitekey) { throw new Error('[Cloudflare Turnstile] Invalid or missing sitekey'); }
    var id = 'cf-chl-widget-' + Math.random().toString(36).slice(2, 7);
    var responseField = opts['response-field'] !== undefined ? opts['response-field'] : data.responseField !== 'false';
    var w = { id: id, sitekey: sitekey, action: opts.action || data.action || null,
      callback: opts.callback || data.callback, resets: 0 };
    el.innerHTML = '';
    w.ui = visibleBox('turnstile-checkbox', 'Verify you are human', 'Cloudflare', function (bad) { solve(w, bad); });
    el.appendChild(w.ui.box);
    if (responseField) {
      w.field = hiddenField('input', opts['response-field-name'] || data.responseFieldName || 'cf-turnstile-response',
          id + '_response');
      el.appendChild(w.field);
    }
    el.setAttribute('data-turnstile-widget-id', id);
    widgets[id] = w;
    order.push(id);
    return id;
  }

  function reset(id) {
    var w = widget(id);
    if (!w) { return; }
    w.resets += 1;
    if (w.field) {
      w.field.value = '';
      fireChange(w.field);
    }
    w.ui.setChecked(false);
  }

  function getResponse(id) {
    var w = widget(id);
    return w && w.field ? w.field.value : undefined;
  }

  function remove(id) {
    var w = widget(id);
    if (w) {
      delete widgets[w.id];
      order.splice(order.indexOf(w.id), 1);
    }
  }

  window.turnstile = {
    render: render,
    execute: function (id) { var w = widget(id); if (w) { solve(w, false); } },
    reset: reset,
    getResponse: getResponse,
    remove: remove,
    isExpired: function () { return false; },
    ready: function (fn) { if (loaded) { setTimeout(fn, 0); } else { readyQueue.push(fn); } }
  };

  onReady(function () {
    if (params.get('render') !== 'explicit') {
      document.querySelectorAll('.cf-turnstile').forEach(function (el) {
        if (!el.hasAttribute('data-turnstile-widget-id') && el.dataset.sitekey) { render(el); }
      });
    }
    loaded = true;
    var onload = params.get('onload');
    if (onload) { invoke(onload); }
    readyQueue.splice(0).forEach(function (fn) { fn(); });
  });
