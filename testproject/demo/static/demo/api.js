"use strict";

// The API client: named endpoints, JSON in and out, and the credentials of
// the signed-in user (a DRF token, or a JWT pair that is refreshed on 401).
// An endpoint's path may hold ":name" parts, filled from call()'s params.
const Api = (() => {
  const STORAGE_KEY = "djoser-demo-credentials";
  let endpoints = {};
  // Asks the user to prove again who they are (sections/reauthenticate.js):
  // called with the methods a 401 lists, answers whether it was done.
  let reauthenticator = null;
  let credentials = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
  // Endpoints for anyone: they get no Authorization header, since DRF
  // answers 401 to a header naming a locked account before the view runs
  // (opening the link that confirms a new address is such a case).
  const PUBLIC_ENDPOINTS = new Set([
    "users",
    "activation",
    "resendActivation",
    "resetPassword",
    "resetPasswordConfirm",
    "resetUsername",
    "resetUsernameConfirm",
    "tokenLogin",
    "jwtCreate",
    "jwtRefresh",
    "passkeySignupRequest",
    "passkeySignup",
    "passkeyLoginRequest",
    "passkeyLogin",
    "emailChangeConfirm",
    "emailChangeUndo",
    "mfaVerify",
    "loginCodeRequest",
    "loginCodeConfirm",
    "loginCodeResend",
    "config",
  ]);

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

  function remember(value) {
    credentials = value;
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  }

  function authorization() {
    if (!credentials) return null;
    if (credentials.scheme === "Token") return `Token ${credentials.token}`;
    return `Bearer ${credentials.access}`;
  }

  async function send(method, address, data, authenticate) {
    const headers = { Accept: "application/json" };
    if (data !== undefined) headers["Content-Type"] = "application/json";
    const header = authenticate && authorization();
    if (header) headers.Authorization = header;
    const response = await fetch(address, {
      method,
      headers,
      body: data === undefined ? undefined : JSON.stringify(data),
      // Only the Authorization header speaks for the user: a session cookie
      // left by the admin must not (and would trip DRF's CSRF check).
      credentials: "omit",
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

  async function refreshAccessToken() {
    const answer = await send("POST", url("jwtRefresh"), { refresh: credentials.refresh }, false);
    if (!answer.ok) return false;
    // With ROTATE_REFRESH_TOKENS simplejwt also hands out a new refresh token.
    remember({ ...credentials, access: answer.body.access, refresh: answer.body.refresh || credentials.refresh });
    return true;
  }

  const needsReauthentication = (answer) => answer.status === 401 && Boolean(answer.body && answer.body.reauthentication_required);

  async function call(method, name, data, params) {
    const authenticate = !PUBLIC_ENDPOINTS.has(name);
    const address = url(name, params);
    let answer = await send(method, address, data, authenticate);
    if (needsReauthentication(answer)) {
      // A sensitive change: the credential is fine but must be confirmed.
      // Ask, reauthenticate, and send the same request once more.
      if (reauthenticator && (await reauthenticator(answer.body.methods))) {
        answer = await send(method, address, data, true);
      }
      if (needsReauthentication(answer)) {
        const error = new ApiError(401, { detail: "This change needs you to confirm it is you." });
        error.reauthentication = true;
        throw error;
      }
    } else if (authenticate && answer.status === 401 && credentials && credentials.scheme === "JWT" && (await refreshAccessToken())) {
      // An expired or rejected access token: trade the refresh token, once.
      answer = await send(method, address, data, true);
    }
    if (!answer.ok) throw new ApiError(answer.status, answer.body);
    return answer.body;
  }

  // What a login answered, as credentials to keep.
  const CREDENTIALS = {
    Token: (body) => ({ scheme: "Token", token: body.auth_token }),
    JWT: (body) => ({ scheme: "JWT", access: body.access, refresh: body.refresh }),
  };
  const LOGIN_ENDPOINTS = { Token: "tokenLogin", JWT: "jwtCreate" };

  // Answers null when logged in, or the second step the account asks for
  // ({mfa_token, methods, scheme}) when two-factor sign-in is on: the
  // password was right but there is no credential yet (a 401).
  async function logIn(scheme, data, endpoint = LOGIN_ENDPOINTS[scheme]) {
    let body;
    try {
      body = await call("POST", endpoint, data);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401 && error.body && error.body.mfa_required) {
        return { mfa_token: error.body.mfa_token, methods: error.body.methods, scheme };
      }
      throw error;
    }
    remember(CREDENTIALS[scheme](body));
    return null;
  }

  // The second step: a code from the authenticator app, or a recovery code.
  async function finishLogIn(pending, code) {
    const body = await call("POST", "mfaVerify", { mfa_token: pending.mfa_token, code });
    remember(CREDENTIALS[pending.scheme](body));
  }

  const logInWithToken = (data) => logIn("Token", data);
  const logInWithJwt = (data) => logIn("JWT", data);
  // An emailed code (djoser.codes): answers what the password logins answer.
  const logInWithCode = (scheme, loginToken, code) =>
    logIn(scheme, { login_token: loginToken, code, kind: scheme === "JWT" ? "jwt" : "token" }, "loginCodeConfirm");

  // credential: the browser's answer to the login options, as JSON.
  async function logInWithPasskey(credential) {
    const body = await call("POST", "passkeyLogin", credential);
    remember({ scheme: "Token", token: body.auth_token });
  }

  async function logOut() {
    // A DRF token is deleted on the server, and so is a JWT's session where
    // djoser.sessions is mounted; elsewhere a JWT simply expires.
    if (credentials && (credentials.scheme === "Token" || has("sessions"))) {
      try {
        await call("POST", "tokenLogout");
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
    logInWithPasskey,
    logInWithCode,
    finishLogIn,
    logOut,
    forget: () => remember(null),
    onReauthenticationRequired: (handler) => {
      reauthenticator = handler;
    },
    scheme: () => (credentials ? credentials.scheme : null),
  };
})();
