"use strict";

// Sign in with a code sent by email (djoser.codes): ask for a code, read it
// in the mailbox (here, the outbox), type it in. The login_token waits in
// sessionStorage, so the page can be left for the outbox and come back.
(() => {
  const { el, form, notice, card, outboxHint, go } = Demo;
  const STORAGE_KEY = "djoser-demo-login-code";

  function pending() {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) || "null");
  }

  function remember(value) {
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
  }

  function schemeChoice() {
    return el(
      "div",
      { class: "field choices", role: "radiogroup", "aria-label": "Credentials" },
      [["Token", "DRF token"], ["JWT", "JSON Web Token"]].map(([value, label], index) =>
        el("label", {}, el("input", { type: "radio", name: "scheme", value, checked: index === 0 }), ` ${label}`),
      ),
    );
  }

  function askForCode(view) {
    const email = Demo.config.fields.email;
    view.append(
      card(
        "Sign in with an emailed code",
        el("p", {}, "We email a code to the address of your account. Whether or not the address has one, the answer is the same."),
        form({
          id: "login-code-request",
          fields: [{ name: email, autocomplete: "email" }],
          submitLabel: "Email me a code",
          onSubmit: async (values) => {
            const answer = await Api.call("POST", "loginCodeRequest", values);
            remember({ loginToken: answer.login_token, address: values[email] });
            go("/login/email-code/confirm");
          },
        }),
      ),
    );
  }

  function typeCode(view) {
    const waiting = pending();
    if (!waiting) {
      go("/login/email-code");
      return;
    }
    view.append(
      card(
        "Type the code",
        el("p", {}, `If ${waiting.address} belongs to an account, a code is on its way. It works once, for five minutes.`),
        outboxHint(),
        form({
          id: "login-code-confirm",
          fields: [{ name: "code", label: "Code from the email", autocomplete: "one-time-code" }],
          extra: schemeChoice(),
          submitLabel: "Log in",
          onSubmit: async ({ code, scheme }) => {
            const secondStep = await Api.logInWithCode(scheme, waiting.loginToken, code);
            remember(null);
            if (secondStep) {
              Demo.pendingLogin = secondStep;
              go("/login/code");
            } else go("/profile");
          },
        }),
        form({
          id: "login-code-resend",
          fields: [],
          submitLabel: "Send a new code",
          onSubmit: async (values, element) => {
            await Api.call("POST", "loginCodeResend", { login_token: waiting.loginToken });
            element.replaceWith(notice("A new code is on its way; the old one no longer works."));
          },
        }),
        el("p", { class: "muted" }, el("a", { href: "#/login/email-code" }, "Use another address")),
      ),
    );
  }

  Demo.section({
    name: "codes",
    requires: ["loginCodeRequest", "loginCodeConfirm", "loginCodeResend"],
    routes: {
      "/login/email-code": askForCode,
      "/login/email-code/confirm": typeCode,
    },
  });
})();
