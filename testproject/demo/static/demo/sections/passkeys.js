"use strict";

// Passkeys: sign up and log in with one, and manage the passkeys of the
// signed-in account. The API speaks WebAuthn's JSON, with binary values as
// base64url strings, while navigator.credentials wants and gives
// ArrayBuffers; the conversions are done here, in plain JavaScript, so the
// app does not depend on PublicKeyCredential.parseCreationOptionsFromJSON()
// or toJSON(), which older browsers lack.
(() => {
  const { el, form, notice, card, outboxHint, requireSignIn, go } = Demo;
  const fields = Demo.config.fields;
  const rpId = Demo.config.passkeyRpId;

  function bufferFromBase64url(text) {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    return Uint8Array.from(binary, (character) => character.charCodeAt(0)).buffer;
  }

  function base64urlFromBuffer(buffer) {
    let binary = "";
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  const withBufferIds = (descriptors) => (descriptors || []).map((descriptor) => ({ ...descriptor, id: bufferFromBase64url(descriptor.id) }));

  // The options of signup_request/ and passkeys/add_request/, for create().
  function creationOptions(json) {
    return {
      ...json,
      challenge: bufferFromBase64url(json.challenge),
      user: { ...json.user, id: bufferFromBase64url(json.user.id) },
      excludeCredentials: withBufferIds(json.excludeCredentials),
    };
  }

  // The options of login_request/, for get().
  function requestOptions(json) {
    return { ...json, challenge: bufferFromBase64url(json.challenge), allowCredentials: withBufferIds(json.allowCredentials) };
  }

  // The binary parts of each kind of answer; userHandle may be absent.
  const RESPONSE_BUFFERS = {
    create: ["clientDataJSON", "attestationObject"],
    get: ["clientDataJSON", "authenticatorData", "signature", "userHandle"],
  };

  // What PublicKeyCredential.toJSON() gives, as far as the API reads it.
  function credentialJson(operation, credential) {
    const response = {};
    for (const name of RESPONSE_BUFFERS[operation]) {
      response[name] = credential.response[name] ? base64urlFromBuffer(credential.response[name]) : null;
    }
    if (operation === "create") {
      response.transports = credential.response.getTransports ? credential.response.getTransports() : [];
    }
    return {
      id: credential.id,
      rawId: base64urlFromBuffer(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response,
    };
  }

  // The browser's refusals, in words; they appear above the button like the
  // API's errors that name no field.
  const BROWSER_REFUSALS = {
    NotAllowedError: "No passkey was used: the request was cancelled or timed out.",
    InvalidStateError: "This authenticator already holds a passkey for this account.",
    SecurityError: `Passkeys of this site work on ${rpId} only.`,
  };

  // navigator.credentials.create() or .get() with the API's options; its
  // answer as the JSON the API takes.
  async function askAuthenticator(operation, json) {
    if (!window.PublicKeyCredential) {
      throw new Api.ApiError(0, { detail: "This browser cannot use passkeys on this page." });
    }
    const publicKey = operation === "create" ? creationOptions(json) : requestOptions(json);
    try {
      return credentialJson(operation, await navigator.credentials[operation]({ publicKey }));
    } catch (error) {
      if (!(error instanceof DOMException)) throw error;
      throw new Api.ApiError(0, { detail: BROWSER_REFUSALS[error.name] || `${error.name}: ${error.message}` });
    }
  }

  // Reauthentication (sections/reauthenticate.js) asks for a passkey too.
  Demo.askAuthenticator = askAuthenticator;

  // A passkey is bound to the RP ID's host: elsewhere, point there.
  function hostHint() {
    const host = location.hostname;
    if (host === rpId || host.endsWith(`.${rpId}`)) return null;
    const address = `${location.protocol}//${rpId}${location.port ? `:${location.port}` : ""}${location.pathname}${location.hash}`;
    return el("p", { class: "notice error" }, `Passkeys of this site work on ${rpId} only. Open `, el("a", { href: address }, address), ".");
  }

  // The keys of a credential's JSON that signup/{ukey}/ requires.
  const CREDENTIAL_KEYS = new Set(["id", "rawId", "type", "response"]);

  // signup/{ukey}/ checks the account's fields before the credential, and a
  // body without a credential uses up no challenge: so the app asks it first
  // with the fields alone. A mistake in them then shows before the
  // authenticator makes a passkey that no account would ever hold.
  async function checkAccountFields(ukey, account) {
    try {
      await Api.call("POST", "passkeySignup", account, { ukey });
    } catch (error) {
      if (!(error instanceof Api.ApiError) || error.status !== 400) throw error;
      if (Object.keys(error.body || {}).some((key) => !CREDENTIAL_KEYS.has(key))) throw error;
    }
  }

  const optionalName = (value) => (value.trim() ? { name: value.trim() } : {});

  function signUp(view) {
    const accountNames = fields.required.filter((name) => name !== fields.username);
    view.append(
      card(
        "Sign up with a passkey",
        hostHint(),
        el("p", { class: "muted" }, "The account gets no password: your device keeps a passkey for it."),
        form({
          id: "passkey-register",
          fields: [
            { name: fields.username, autocomplete: "username" },
            { name: "display_name", label: "Display name (optional)" },
            ...accountNames.map((name) => ({ name, autocomplete: name === fields.email ? "email" : "off" })),
            { name: "name", label: "Passkey name (optional)" },
          ],
          submitLabel: "Create a passkey and sign up",
          onSubmit: async (values) => {
            const account = Object.fromEntries(accountNames.map((name) => [name, values[name]]));
            const options = await Api.call("POST", "passkeySignupRequest", { [fields.username]: values[fields.username], display_name: values.display_name });
            const ukey = options.user.id;
            await checkAccountFields(ukey, account);
            const credential = await askAuthenticator("create", options);
            await Api.call("POST", "passkeySignup", { ...account, ...credential, ...optionalName(values.name) }, { ukey });
            const address = values[fields.email];
            const waitsForLink = fields.sendActivationEmail && address;
            const next = waitsForLink
              ? `Account created. Open the activation link sent to ${address}, then log in with your passkey.`
              : "Account created. You can log in with your passkey now.";
            view.replaceChildren(
              card("Welcome", notice(next), waitsForLink ? outboxHint() : null, el("a", { href: "#/passkey/login" }, "Log in with a passkey")),
            );
          },
        }),
      ),
    );
  }

  function logIn(view) {
    view.append(
      card(
        "Log in with a passkey",
        hostHint(),
        form({
          id: "passkey-login",
          fields: [{ name: fields.login, autocomplete: "username" }],
          submitLabel: "Log in with a passkey",
          onSubmit: async (values) => {
            const login = values[fields.login].trim();
            // Without a name the browser offers every passkey it holds here.
            const options = await Api.call("POST", "passkeyLoginRequest", login ? { [fields.login]: login } : {});
            await Api.logInWithPasskey(await askAuthenticator("get", options));
            go("/profile");
          },
        }),
        el("p", { class: "muted" }, "Leave the field empty to choose from the passkeys this device holds for the site. ", el("a", { href: "#/login" }, "Log in with a password")),
      ),
    );
  }

  function passkeyItem(view, passkey) {
    const used = passkey.last_used ? `last used ${new Date(passkey.last_used).toLocaleString()}` : "never used";
    return el(
      "li",
      { "data-passkey": passkey.id },
      el("div", {}, el("strong", { class: "passkey-name" }, passkey.name), el("span", { class: "muted" }, ` · added ${new Date(passkey.created).toLocaleString()} · ${used}`)),
      form({
        id: `passkey-delete-${passkey.id}`,
        fields: [],
        submitLabel: "Delete",
        danger: true,
        onSubmit: async () => {
          await Api.call("DELETE", "passkey", undefined, { pk: passkey.id });
          await showPasskeys(view, `Passkey "${passkey.name}" deleted.`);
        },
      }),
    );
  }

  async function showPasskeys(view, message) {
    const passkeys = await Api.call("GET", "passkeys");
    view.replaceChildren(
      card(
        "Your passkeys",
        message ? notice(message) : null,
        hostHint(),
        passkeys.length
          ? el("ul", { id: "passkey-list", class: "passkeys" }, passkeys.map((passkey) => passkeyItem(view, passkey)))
          : el("p", { id: "passkey-list-empty" }, "This account has no passkeys yet."),
      ),
      card(
        "Add a passkey",
        form({
          id: "passkey-add",
          fields: [{ name: "name", label: "Passkey name (optional)" }],
          submitLabel: "Create a passkey",
          onSubmit: async (values) => {
            const options = await Api.call("POST", "passkeyAddRequest");
            const credential = await askAuthenticator("create", options);
            const added = await Api.call("POST", "passkeyAdd", { ...credential, ...optionalName(values.name) });
            await showPasskeys(view, `Passkey "${added.name}" added.`);
          },
        }),
      ),
    );
  }

  async function passkeys(view) {
    if (requireSignIn(view)) return;
    await showPasskeys(view, null);
  }

  Demo.section({
    name: "passkeys",
    requires: ["passkeySignupRequest", "passkeySignup", "passkeyLoginRequest", "passkeyLogin", "passkeys", "passkeyAddRequest", "passkeyAdd", "passkey"],
    nav: [
      { path: "/passkeys", label: "Passkeys", when: "signed-in" },
      { path: "/passkey/login", label: "Passkey log in", when: "anonymous" },
      { path: "/passkey/register", label: "Passkey sign up", when: "anonymous" },
    ],
    routes: {
      "/passkey/register": signUp,
      "/passkey/login": logIn,
      "/passkeys": passkeys,
    },
  });
})();
