"use strict";

// The API client of the browser client (djoser.urls.browser): the server
// keeps the credentials in HttpOnly cookies that no script here can read,
// and this client never sees a token. What it does keep, in
// sessionStorage, is only which login the user chose ("Token" or "JWT"):
// that says how to log out and whether a refresh can help, and is no
// credential. Unsafe requests carry the CSRF token, read from Django's
// csrftoken cookie. An endpoint's path may hold ":name" parts, filled
// from call()'s params.
const Api = (() => {
  const STORAGE_KEY = "djoser-demo-login";
  const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
  let endpoints = {};
  let login = sessionStorage.getItem(STORAGE_KEY);
  // Asks the user to prove again who they are (sections/reauthenticate.js):
  // called with the methods a 401 lists, answers whether it was done.
  let reauthenticator = null;

  class ApiError extends Error {
    constructor(status, body) {
      super(`HTTP ${status}`);
      this.status = status;
      this.body = body;
    }
  }

  function configure(mountedEndpoints) {
    endpoints = mountedEndpoints;
  }

  function has(name) {
    return Object.prototype.hasOwnProperty.call(endpoints, name);
  }

  function url(name, params = {}) {
    if (!has(name)) throw new Error(`The API has no "${name}" endpoint.`);
    return endpoints[name].replace(/:([a-zA-Z]+)/g, (match, param) => {
      if (!(param in params)) throw new Error(`The "${name}" endpoint needs a ${param}.`);
      return encodeURIComponent(params[param]);
    });
  }

  function remember(scheme) {
    login = scheme;
    if (scheme) sessionStorage.setItem(STORAGE_KEY, scheme);
    else sessionStorage.removeItem(STORAGE_KEY);
  }

  // Django's CSRF cookie is readable on purpose: it is no credential, only
  // proof that a request comes from a page of this site.
  function csrfToken() {
    const cookie = document.cookie.split("; ").find((item) => item.startsWith("csrftoken="));
    return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : null;
  }

  // The csrftoken cookie, set by the browser client's csrf/ endpoint.
  async function ensureCsrfToken() {
    if (!csrfToken()) await fetch(url("csrf"), { credentials: "same-origin" });
  }

  async function send(method, address, data) {
    const headers = { Accept: "application/json" };
    if (data !== undefined) headers["Content-Type"] = "application/json";
    if (UNSAFE_METHODS.has(method)) {
      await ensureCsrfToken();
      headers["X-CSRFToken"] = csrfToken();
    }
    const response = await fetch(address, {
      method,
      headers,
      body: data === undefined ? undefined : JSON.stringify(data),
      // The cookies go to this site only.
      credentials: "same-origin",
    });
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = { detail: `${response.status} ${response.statusText}` };
    }
    return { status: response.status, ok: response.ok, body };
  }

  // The refresh cookie buys a new access cookie; nothing passes through here.
  async function refreshAccessToken() {
    const answer = await send("POST", url("jwtRefresh"));
    return answer.ok;
  }

  const needsReauthentication = (answer) => answer.status === 401 && Boolean(answer.body && answer.body.reauthentication_required);

  async function call(method, name, data, params) {
    const address = url(name, params);
    let answer = await send(method, address, data);
    if (needsReauthentication(answer)) {
      // A sensitive change: the credential is fine but must be confirmed.
      // Ask, reauthenticate, and send the same request once more.
      if (reauthenticator && (await reauthenticator(answer.body.methods))) {
        answer = await send(method, address, data);
      }
      if (needsReauthentication(answer)) {
        const error = new ApiError(401, { detail: "This change needs you to confirm it is you." });
        error.reauthentication = true;
        throw error;
      }
    } else if (answer.status === 401 && login === "JWT" && (await refreshAccessToken())) {
      // An expired access cookie: trade the refresh cookie, once.
      answer = await send(method, address, data);
    }
    if (!answer.ok) throw new ApiError(answer.status, answer.body);
    return answer.body;
  }

  const LOGIN_ENDPOINTS = { Token: "tokenLogin", JWT: "jwtCreate" };
  const LOGOUT_ENDPOINTS = { Token: "tokenLogout", JWT: "jwtBlacklist" };

  // Answers null when logged in, or the second step the account asks for
  // ({methods, scheme}) when two-factor sign-in is on: the password was
  // right but there is no credential yet (a 401; the server keeps the
  // half-done login in a cookie of its own).
  async function logIn(scheme, data, endpoint = LOGIN_ENDPOINTS[scheme]) {
    try {
      await call("POST", endpoint, data);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && error.body && error.body.mfa_required) {
        return { methods: error.body.methods, scheme };
      }
      throw error;
    }
    remember(scheme);
    return null;
  }

  // The second step: a code from the authenticator app, or a recovery code.
  async function finishLogIn(pending, code) {
    await call("POST", "mfaVerify", { code });
    remember(pending.scheme);
  }

  const logInWithToken = (data) => logIn("Token", data);
  const logInWithJwt = (data) => logIn("JWT", data);
  // An emailed code (djoser.codes): answers what the password logins answer.
  const logInWithCode = (scheme, loginToken, code) =>
    logIn(scheme, { login_token: loginToken, code, kind: scheme === "JWT" ? "jwt" : "token" }, "loginCodeConfirm");

  // credential: the browser's answer to the login options, as JSON.
  async function logInWithPasskey(credential) {
    await call("POST", "passkeyLogin", credential);
    remember("Token");
  }

  // The server ends the token (or the refresh token) and clears the cookies.
  async function logOut() {
    const endpoint = LOGOUT_ENDPOINTS[login];
    if (endpoint && has(endpoint)) {
      try {
        await call("POST", endpoint);
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
      }
    }
    remember(null);
  }

  return {
    ApiError,
    configure,
    has,
    call,
    logInWithToken,
    logInWithJwt,
    logInWithCode,
    logInWithPasskey,
    finishLogIn,
    logOut,
    forget: () => remember(null),
    onReauthenticationRequired: (handler) => {
      reauthenticator = handler;
    },
    scheme: () => login,
  };
})();
