"use strict";

// Two-factor sign-in (djoser.mfa): add an authenticator app from its QR
// code, keep the recovery codes, and answer the login's second step.
(() => {
  const { el, form, notice, card, requireSignIn, go } = Demo;

  // The QR code is an SVG document from the API; as an image's data URL it
  // is drawn, never run.
  function qrImage(svg) {
    return el("img", { id: "mfa-qr", alt: "QR code for the authenticator app", src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` });
  }

  function recoveryCodes(codes) {
    return el(
      "div",
      {},
      notice("Two-factor sign-in is on. Keep these recovery codes somewhere safe: each one logs you in once, and they are shown only now."),
      el("ul", { id: "mfa-recovery-codes", class: "codes" }, codes.map((code) => el("li", {}, el("code", {}, code)))),
      el("a", { href: "#/mfa" }, "Done"),
    );
  }

  function enrol(view) {
    const start = form({
      id: "mfa-start",
      fields: [],
      submitLabel: "Set up an authenticator app",
      onSubmit: async () => {
        const setup = await Api.call("GET", "mfaTotp");
        start.replaceWith(
          el(
            "div",
            {},
            el("p", {}, "Scan this code with your authenticator app, or type the secret into it:"),
            qrImage(setup.qr_svg),
            el("p", {}, "Secret: ", el("code", { id: "mfa-secret" }, setup.secret)),
            form({
              id: "mfa-confirm",
              fields: [{ name: "code", label: "Code from the app", autocomplete: "one-time-code" }],
              submitLabel: "Turn on two-factor sign-in",
              onSubmit: async (values) => {
                const answer = await Api.call("POST", "mfaTotp", values);
                view.replaceChildren(card("Two-factor sign-in", recoveryCodes(answer.recovery_codes)));
              },
            }),
          ),
        );
      },
    });
    return start;
  }

  function manage(view, remaining) {
    return el(
      "div",
      {},
      notice(`Two-factor sign-in is on. Recovery codes left: ${remaining}.`),
      el("h2", {}, "New recovery codes"),
      form({
        id: "mfa-regenerate",
        fields: [{ name: "code", label: "Code from the app or a recovery code", autocomplete: "one-time-code" }],
        submitLabel: "Make new recovery codes",
        onSubmit: async (values) => {
          const answer = await Api.call("POST", "mfaRecoveryCodes", values);
          view.replaceChildren(card("Two-factor sign-in", recoveryCodes(answer.recovery_codes)));
        },
      }),
      el("h2", {}, "Turn off"),
      form({
        id: "mfa-disable",
        fields: [{ name: "code", label: "Code from the app or a recovery code", autocomplete: "one-time-code" }],
        submitLabel: "Turn off two-factor sign-in",
        danger: true,
        onSubmit: async (values) => {
          await Api.call("DELETE", "mfaTotp", values);
          view.replaceChildren(card("Two-factor sign-in", notice("Two-factor sign-in is off."), el("a", { href: "#/mfa" }, "Back")));
        },
      }),
    );
  }

  async function settings(view) {
    if (requireSignIn(view)) return;
    const status = await Api.call("GET", "mfaRecoveryCodes");
    view.append(card("Two-factor sign-in", status.mfa_enabled ? manage(view, status.remaining) : enrol(view)));
  }

  function secondStep(view) {
    const pending = Demo.pendingLogin;
    if (!pending) {
      go("/login");
      return;
    }
    const recovery = pending.methods.includes("recovery_code") ? " or one of your recovery codes" : "";
    view.append(
      card(
        "Two-factor sign-in",
        el("p", {}, `Your password was right. Enter the code your authenticator app shows${recovery}.`),
        el("p", { class: "muted" }, "Each code works once: if you have just used the one on screen (to turn two-factor sign-in on, say), wait for the next one."),
        form({
          id: "mfa-verify",
          fields: [{ name: "code", autocomplete: "one-time-code" }],
          submitLabel: "Log in",
          onSubmit: async ({ code }) => {
            await Api.finishLogIn(pending, code);
            Demo.pendingLogin = null;
            go("/profile");
          },
        }),
      ),
    );
  }

  Demo.section({
    name: "mfa",
    requires: ["mfaTotp", "mfaRecoveryCodes", "mfaVerify"],
    nav: [{ path: "/mfa", label: "Two-factor", when: "signed-in" }],
    routes: {
      "/mfa": settings,
      "/login/code": secondStep,
    },
  });
})();
