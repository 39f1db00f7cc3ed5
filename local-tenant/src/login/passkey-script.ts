// The sign-in page's only script: "Continue with a passkey". Plain browser JS with the base64url
// conversions inlined, so the page needs no bundle and no external resource.
export const PASSKEY_SCRIPT = `
(function () {
  var button = document.getElementById('passkey');
  var alertBox = document.getElementById('error');
  if (!button || !alertBox) return;
  var base = button.getAttribute('data-base');
  // The words, in the page's language, from the page (page-text.ts passkeyText).
  var text = JSON.parse(button.getAttribute('data-text') || '{}');
  function show(message) {
    alertBox.textContent = '';
    if (!message) return;
    var p = document.createElement('p');
    p.textContent = message;
    alertBox.appendChild(p);
  }
  function toBuffer(value) {
    var b64 = value.replace(/-/g, '+').replace(/_/g, '/');
    while (b64.length % 4) b64 += '=';
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }
  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var bin = '';
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }
  async function postJson(path, body) {
    var res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    var data = await res.json().catch(function () { return {}; });
    return { ok: res.ok, data: data };
  }
  button.addEventListener('click', async function () {
    show('');
    if (!window.PublicKeyCredential || !navigator.credentials) {
      show(text.unsupported);
      return;
    }
    button.disabled = true;
    try {
      var options = await postJson('/passkey/options', {});
      if (!options.ok) { show(options.data.message || text.unavailable); return; }
      var o = options.data;
      var credential;
      try {
        credential = await navigator.credentials.get({
          publicKey: {
            challenge: toBuffer(o.challenge),
            rpId: o.rpId,
            timeout: o.timeout,
            userVerification: o.userVerification,
            allowCredentials: [],
          },
        });
      } catch (error) {
        var name = error && error.name;
        show(name === 'NotAllowedError' || name === 'AbortError'
          ? text.cancelled
          : text.unusable);
        return;
      }
      if (!credential) { show(text.noneSelected); return; }
      var r = credential.response;
      var result = await postJson('/passkey/verify', {
        id: credential.id,
        rawId: toBase64url(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment || undefined,
        clientExtensionResults: credential.getClientExtensionResults(),
        response: {
          clientDataJSON: toBase64url(r.clientDataJSON),
          authenticatorData: toBase64url(r.authenticatorData),
          signature: toBase64url(r.signature),
          userHandle: r.userHandle ? toBase64url(r.userHandle) : undefined,
        },
      });
      if (!result.ok || !result.data.redirectTo) {
        show(result.data.message || text.notVerified);
        return;
      }
      window.location.assign(result.data.redirectTo);
    } catch (error) {
      show(text.wentWrong);
    } finally {
      button.disabled = false;
    }
  });
})();
`;
