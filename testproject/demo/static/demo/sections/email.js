"use strict";

// The verified email change: ask for a link to the new address, then open it.
(() => {
  const { el, form, notice, card, outboxHint, requireSignIn } = Demo;
  const fields = Demo.config.fields;
  const newAddress = `new_${fields.email}`;

  async function changeAddress(view) {
    if (requireSignIn(view)) return;
    const me = await Api.call("GET", "me");
    view.append(
      card(
        "Change your email address",
        el("p", {}, "Your address is ", el("strong", { id: "current-address" }, me[fields.email] || "not set"), "."),
        form({
          id: "email-change",
          fields: [
            { name: newAddress, label: "New email address", type: "email", autocomplete: "email" },
            { name: "current_password", autocomplete: "current-password" },
          ],
          submitLabel: "Email me a link",
          onSubmit: async (values) => {
            await Api.call("POST", "emailChange", values);
            view.replaceChildren(
              card(
                "Check your new address",
                notice(`A link is on its way to ${values[newAddress]}. Your address stays the same until you open it.`),
                outboxHint(),
              ),
            );
          },
        }),
      ),
    );
  }

  function confirmAddress(view, { uid, token }) {
    // A button rather than a call on load: mail scanners that open links
    // must not change addresses on their own.
    view.append(
      card(
        "Confirm your new email address",
        form({
          id: "email-change-confirm",
          fields: [],
          submitLabel: "Use this address",
          onSubmit: async () => {
            await Api.call("POST", "emailChangeConfirm", { uid, token });
            const next = Demo.signedIn() ? ["#/profile", "Back to your profile"] : ["#/login", "Log in"];
            view.replaceChildren(
              card("Address changed", notice("Your email address is changed. Your old address has been told."), el("a", { href: next[0] }, next[1])),
            );
          },
        }),
      ),
    );
  }

  function undoChange(view, { uid, token }) {
    view.append(
      card(
        "Undo the change of your email address",
        el("p", {}, "This puts your old address back, signs everyone out of the account and emails you a link to choose a new password."),
        form({
          id: "email-change-undo",
          fields: [],
          submitLabel: "Take my account back",
          danger: true,
          onSubmit: async () => {
            await Api.call("POST", "emailChangeUndo", { uid, token });
            Api.forget();
            Demo.renderNav();
            view.replaceChildren(
              card("Change undone", notice("Your old address is back and everyone is signed out. Choose a new password with the link just sent there."), outboxHint()),
            );
          },
        }),
      ),
    );
  }

  Demo.section({
    name: "email",
    requires: ["me", "emailChange", "emailChangeConfirm"],
    nav: [{ path: "/email", label: "Email address", when: "signed-in" }],
    routes: {
      "/email": changeAddress,
      "/email/confirm/:uid/:token": confirmAddress,
      "/email/undo/:uid/:token": undoChange,
    },
  });
})();
