"use strict";

// The account: sign up, activation, log in and out, profile, password,
// username and deletion, each page one call to the djoser API.
(() => {
  const { el, form, notice, card, outboxHint, requireSignIn, go } = Demo;
  const fields = Demo.config.fields;
  const retyped = (name, on) => (on ? [{ name }, { name: `re_${name}` }] : [{ name }]);
  const unique = (names) => [...new Set(names)];
  const capitalized = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  // The user model's USERNAME_FIELD in words, such as "custom username".
  const usernameWords = fields.username.replace(/_/g, " ");

  // What the deployment offers (GET config/): the password rule it checks.
  async function passwordRule() {
    if (!Api.has("config")) return null;
    const offer = await Api.call("GET", "config");
    const minimum = offer.password.min_length;
    if (!minimum) return null;
    return el("p", { class: "muted", id: "password-rule" }, `Passwords need at least ${minimum} characters.`);
  }

  async function register(view) {
    const names = unique([fields.login, ...fields.required, fields.email]);
    const formFields = [
      ...names.map((name) => ({ name, autocomplete: name === fields.email ? "email" : "username" })),
      ...retyped("password", fields.passwordRetype).map((field) => ({ ...field, autocomplete: "new-password" })),
    ];
    const rule = await passwordRule();
    view.append(
      card(
        "Create an account",
        form({
          id: "register",
          fields: formFields,
          extra: rule,
          submitLabel: "Sign up",
          onSubmit: async (values) => {
            await Api.call("POST", "users", values);
            const next = fields.sendActivationEmail
              ? `Account created. Open the activation link sent to ${values[fields.email]}, then log in.`
              : "Account created. You can log in now.";
            view.replaceChildren(card("Welcome", notice(next), fields.sendActivationEmail ? outboxHint() : null, el("a", { href: "#/login" }, "Log in")));
          },
        }),
      ),
    );
  }

  function activate(view, { uid, token }) {
    // A button rather than a call on load: mail scanners that open links
    // must not activate accounts on their own.
    view.append(
      card(
        "Activate your account",
        form({
          id: "activate",
          fields: [],
          submitLabel: "Activate my account",
          onSubmit: async () => {
            await Api.call("POST", "activation", { uid, token });
            view.replaceChildren(card("Account active", notice("Your account is active."), el("a", { href: Demo.signedIn() ? "#/profile" : "#/login" }, Demo.signedIn() ? "Back to your profile" : "Log in")));
          },
        }),
      ),
    );
  }

  function resendActivation(view) {
    view.append(
      card(
        "Resend the activation link",
        form({
          id: "resend-activation",
          fields: [{ name: fields.email }],
          submitLabel: "Send the link again",
          onSubmit: async (values) => {
            await Api.call("POST", "resendActivation", values);
            view.replaceChildren(card("Link sent", notice("If an inactive account uses that address, a new link is on its way."), outboxHint()));
          },
        }),
      ),
    );
  }

  function logIn(view) {
    const schemes = [["Token", "DRF token"]];
    if (Api.has("jwtCreate") && Api.has("jwtRefresh")) schemes.push(["JWT", "JWT (access + refresh)"]);
    const choice = el(
      "div",
      { class: "field choices", role: "radiogroup", "aria-label": "Credentials" },
      schemes.map(([value, label], index) =>
        el("label", {}, el("input", { type: "radio", name: "scheme", value, checked: index === 0 }), ` ${label}`),
      ),
    );
    view.append(
      card(
        "Log in",
        form({
          id: "login",
          fields: [{ name: fields.login, autocomplete: "username" }, { name: "password", autocomplete: "current-password" }],
          extra: choice,
          submitLabel: "Log in",
          onSubmit: async ({ scheme, password, ...rest }) => {
            const login = rest[fields.login];
            const secondStep =
              scheme === "JWT"
                ? await Api.logInWithJwt({ [fields.username]: login, password })
                : await Api.logInWithToken({ [fields.login]: login, password });
            if (secondStep) {
              Demo.pendingLogin = secondStep;
              go("/login/code");
            } else go("/profile");
          },
        }),
        el(
          "p",
          { class: "muted" },
          el("a", { href: "#/password/reset" }, "Forgot your password?"),
          " · ",
          el("a", { href: "#/activate/resend" }, "No activation link?"),
          Api.has("passkeyLogin") ? [" · ", el("a", { href: "#/passkey/login" }, "Log in with a passkey")] : null,
          Api.has("loginCodeRequest") ? [" · ", el("a", { href: "#/login/email-code" }, "Email me a sign-in code")] : null,
        ),
      ),
    );
  }

  async function logOut(view) {
    await Api.logOut();
    Demo.renderNav();
    view.append(card("Logged out", notice("You are logged out."), el("a", { href: "#/login" }, "Log in again")));
  }

  async function profile(view) {
    if (requireSignIn(view)) return;
    const me = await Api.call("GET", "me");
    // The address changes only through the verified change (its own page),
    // the login name through its own page: neither is edited here.
    const editable = Object.keys(me).filter((name) => !["id", fields.email, fields.login].includes(name));
    view.append(
      card(
        "Your profile",
        el("dl", { id: "profile-data" }, Object.entries(me).flatMap(([name, value]) => [el("dt", {}, name), el("dd", { "data-name": name }, value)])),
        Api.has("emailChange") ? el("p", {}, el("a", { id: "change-email-link", href: "#/email" }, "Change your email address")) : null,
      ),
    );
    if (!editable.length) return;
    view.append(
      card(
        "Edit your profile",
        form({
          id: "profile",
          fields: editable.map((name) => ({ name, value: me[name] })),
          submitLabel: "Save",
          onSubmit: async (values, element) => {
            const saved = await Api.call("PATCH", "me", values);
            for (const [name, value] of Object.entries(saved)) {
              const shown = view.querySelector(`#profile-data dd[data-name="${CSS.escape(name)}"]`);
              if (shown) shown.textContent = value;
            }
            element.replaceWith(notice("Profile saved."));
          },
        }),
      ),
    );
  }

  function setPassword(view) {
    if (requireSignIn(view)) return;
    view.append(
      card(
        "Change your password",
        form({
          id: "set-password",
          fields: [{ name: "current_password" }, ...retyped("new_password", fields.setPasswordRetype)].map((field) => ({ ...field, autocomplete: field.name === "current_password" ? "current-password" : "new-password" })),
          submitLabel: "Change password",
          onSubmit: async (values, element) => {
            await Api.call("POST", "setPassword", values);
            if (!fields.logoutOnPasswordChange) {
              element.replaceWith(notice("Password changed."));
              return;
            }
            // LOGOUT_ON_PASSWORD_CHANGE: the server revoked every token of the account.
            Api.forget();
            Demo.renderNav();
            element.replaceWith(notice("Password changed. Every session of the account has ended: log in again with the new password."));
          },
        }),
      ),
    );
  }

  function setUsername(view) {
    if (requireSignIn(view)) return;
    view.append(
      card(
        `Change your ${usernameWords}`,
        form({
          id: "set-username",
          fields: [{ name: "current_password" }, ...retyped(`new_${fields.username}`, fields.setUsernameRetype)],
          submitLabel: `Change ${usernameWords}`,
          onSubmit: async (values, element) => {
            await Api.call("POST", "setUsername", values);
            element.replaceWith(notice(`Your ${usernameWords} is now ${values[`new_${fields.username}`]}.`));
          },
        }),
      ),
    );
  }

  function deleteAccount(view) {
    if (requireSignIn(view)) return;
    view.append(
      card(
        "Delete your account",
        el("p", {}, "This removes the account for good."),
        form({
          id: "delete-account",
          fields: [{ name: "current_password" }],
          submitLabel: "Delete my account",
          danger: true,
          onSubmit: async (values) => {
            await Api.call("DELETE", "me", values);
            Api.forget();
            Demo.renderNav();
            view.replaceChildren(card("Account deleted", notice("Your account is gone."), el("a", { href: "#/register" }, "Sign up again")));
          },
        }),
      ),
    );
  }

  // The reset of a password or username: ask for a link, then confirm.
  function resetRequest(kind, what, endpoint) {
    return (view) =>
      view.append(
        card(
          `Reset your ${what}`,
          form({
            id: `reset-${kind}`,
            fields: [{ name: fields.email }],
            submitLabel: "Email me a link",
            onSubmit: async (values) => {
              await Api.call("POST", endpoint, values);
              view.replaceChildren(card("Check your email", notice(`If an account uses ${values[fields.email]}, a link to reset its ${what} is on its way.`), outboxHint()));
            },
          }),
        ),
      );
  }

  function resetConfirm(kind, what, endpoint, formFields) {
    return (view, { uid, token }) =>
      view.append(
        card(
          `Choose a new ${what}`,
          form({
            id: `reset-${kind}-confirm`,
            fields: formFields,
            submitLabel: `Set ${what}`,
            onSubmit: async (values) => {
              await Api.call("POST", endpoint, { uid, token, ...values });
              view.replaceChildren(card(`${capitalized(what)} reset`, notice(`Your ${what} is changed. Log in with it.`), el("a", { href: "#/login" }, "Log in")));
            },
          }),
        ),
      );
  }

  Demo.section({
    name: "account",
    requires: ["csrf", "users", "me", "activation", "tokenLogin", "tokenLogout"],
    nav: [
      { path: "/profile", label: "Profile", when: "signed-in" },
      { path: "/password", label: "Password", when: "signed-in" },
      { path: "/username", label: capitalized(usernameWords), when: "signed-in" },
      { path: "/delete", label: "Delete account", when: "signed-in" },
      { path: "/logout", label: "Log out", when: "signed-in" },
      { path: "/login", label: "Log in", when: "anonymous" },
      { path: "/register", label: "Sign up", when: "anonymous" },
      { path: "/password/reset", label: "Reset password", when: "anonymous" },
      { path: "/username/reset", label: `Reset ${usernameWords}`, when: "anonymous" },
    ],
    routes: {
      "/": () => go(Demo.signedIn() ? "/profile" : "/login"),
      "/register": register,
      "/activate/resend": resendActivation,
      "/activate/:uid/:token": activate,
      "/login": logIn,
      "/logout": logOut,
      "/profile": profile,
      "/password": setPassword,
      "/username": setUsername,
      "/delete": deleteAccount,
      "/password/reset": resetRequest("password", "password", "resetPassword"),
      "/password/reset/confirm/:uid/:token": resetConfirm("password", "password", "resetPasswordConfirm", retyped("new_password", fields.resetConfirmRetype)),
      "/username/reset": resetRequest("username", usernameWords, "resetUsername"),
      "/username/reset/confirm/:uid/:token": resetConfirm("username", usernameWords, "resetUsernameConfirm", retyped(`new_${fields.username}`, fields.usernameResetConfirmRetype)),
    },
  });
})();
