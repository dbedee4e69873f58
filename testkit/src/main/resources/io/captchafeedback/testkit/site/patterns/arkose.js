  // Arkose Labs stand-in for the pattern pages, with both client APIs
  // (https://developer.arkoselabs.com/docs/client-api):
  //  - legacy (served at /patterns/arkose/fc/api/): `new ArkoseEnforcement({public_key, target_html,
  //    callback, onCompleted})`; the script calls the function named by its ?onload= parameter once loaded;
  //  - current (served at /patterns/arkose/v2/<public key>/api.js): the script calls the function named by
  //    its data-callback attribute with an enforcement object: setConfig({selector, mode, onCompleted,
  //    onReset, onError}), getConfig(), run(), reset(); onCompleted gets {token}.
  // Either renders a box into its target with the hidden inputs #FunCaptcha-Token (name fc-token) and
  // #verification-token; a click asks the demo site for a token.
  var src = currentScript ? currentScript.src : '';
  var legacy = /\/fc\/api\//.test(src);
  var keyMatch = /\/v2\/([^/]+)\/api\.js/.exec(src);

  function box(target, publicKey, done) {
    var el = resolveContainer(target, 'Arkose');
    el.innerHTML = '';
    var w = { publicKey: publicKey };
    w.ui = visibleBox('arkose-checkbox', 'Verify you are human', 'Arkose Labs', function (bad) {
      fetchToken('funcaptcha', publicKey, null, bad).then(function (token) { finish(w, token); });
    });
    el.appendChild(w.ui.box);
    w.tokenField = hiddenField('input', 'fc-token', 'FunCaptcha-Token');
    w.verificationField = hiddenField('input', 'verification-token', 'verification-token');
    el.appendChild(w.tokenField);
    el.appendChild(w.verificationField);
    w.done = done;
    return w;
  }
  function finish(w, token) {
    w.tokenField.value = token;
    w.verificationField.value = token;
    fireChange(w.tokenField);
    w.ui.setChecked(true);
    w.done(token);
  }
  function clear(w) {
    if (!w) { return; }
    w.tokenField.value = '';
    w.verificationField.value = '';
    w.ui.setChecked(false);
  }

  if (legacy) {
    window.ArkoseEnforcement = function (opts) {
      var o = opts || {};
      var self = this;
      this.widget = box(o.target_html, o.public_key, function (token) {
        if (typeof o.onCompleted === 'function') { o.onCompleted({ token: token }); }
        if (typeof o.callback === 'function') { o.callback(); }
      });
      this.refresh_session = function () { clear(self.widget); };
    };
    var onload = new URL(src, location.href).searchParams.get('onload');
    onReady(function () { if (onload) { invoke(onload); } });
  } else {
    var config = {};
    var widget = null;
    var enforcement = {
      setConfig: function (c) {
        Object.assign(config, c || {});
        if (config.selector && !widget) {
          widget = box(config.selector, keyMatch ? keyMatch[1] : null, function (token) {
            if (typeof config.onCompleted === 'function') { config.onCompleted({ token: token }); }
          });
        }
      },
      getConfig: function () { return config; },
      run: function () { /* inline mode shows the challenge at once */ },
      reset: function () {
        clear(widget);
        if (typeof config.onReset === 'function') { config.onReset(); }
      }
    };
    var callbackName = currentScript ? currentScript.getAttribute('data-callback') : null;
    onReady(function () { if (callbackName) { invoke(callbackName, enforcement); } });
  }
