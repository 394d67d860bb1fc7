// Security keys and passkeys (WebAuthn). Progressive enhancement: the buttons appear only where
// the browser supports WebAuthn; without it the authenticator app's code keeps working.
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !window.fetch) { return; }

  function toBytes(value) {
    var base64 = value.replace(/-/g, '+').replace(/_/g, '/');
    var text = atob(base64 + '==='.slice((base64.length + 3) % 4));
    return Uint8Array.from(text, function (c) { return c.charCodeAt(0); }).buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i += 1) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrf, Accept: 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error('refused'); }
        return data;
      });
    });
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return { type: item.type, id: toBytes(item.id), transports: item.transports };
    });
  }

  function credentialJson(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      out.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      out.response.userHandle = response.userHandle ? toText(response.userHandle) : null;
    }
    return out;
  }

  function fail(box) {
    var error = box.querySelector('.portal-passkey__error');
    error.textContent = error.getAttribute('data-error');
  }

  var add = document.querySelector('[data-passkey-add]');
  if (add) {
    add.hidden = false;
    var unsupported = document.querySelector('.portal-passkey-unsupported');
    if (unsupported) { unsupported.hidden = true; }
    add.querySelector('button').addEventListener('click', function () {
      var csrf = add.getAttribute('data-csrf');
      post(add.getAttribute('data-options'), csrf).then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.user.id = toBytes(options.user.id);
        options.excludeCredentials = descriptors(options.excludeCredentials);
        return navigator.credentials.create({ publicKey: options });
      }).then(function (credential) {
        return post(add.getAttribute('data-save'), csrf, {
          credential: credentialJson(credential),
          name: document.getElementById('passkey-name').value
        });
      }).then(function () { window.location.reload(); })
        .catch(function () { fail(add); });
    });
  }

  var use = document.querySelector('[data-passkey-use]');
  if (use) {
    use.hidden = false;
    use.querySelector('button').addEventListener('click', function () {
      var csrf = use.getAttribute('data-csrf');
      post(use.getAttribute('data-options'), csrf).then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.allowCredentials = descriptors(options.allowCredentials);
        return navigator.credentials.get({ publicKey: options });
      }).then(function (credential) {
        return post(use.getAttribute('data-verify'), csrf, {
          credential: credentialJson(credential),
          next: use.getAttribute('data-next')
        });
      }).then(function (data) { window.location.assign(data.go); })
        .catch(function () { fail(use); });
    });
  }
}());
