"use strict";

// "This was not me": the link in the notice of two-factor sign-in turned on
// or of a passkey added removes it and signs everyone out.
(() => {
  const { el, form, notice, card, outboxHint } = Demo;

  function notMe(view, { uid, token }) {
    // A button rather than a call on load: mail scanners that open links
    // must not sign anyone out on their own.
    view.append(
      card(
        "This was not me",
        el("p", {}, "This removes the new passkey or two-factor sign-in the email told you about, signs everyone out of the account and emails you a link to choose a new password."),
        form({
          id: "not-me",
          fields: [],
          submitLabel: "Remove it and sign everyone out",
          danger: true,
          onSubmit: async () => {
            await Api.call("POST", "notMe", { uid, token });
            Api.forget();
            Demo.renderNav();
            view.replaceChildren(
              card("Account secured", notice("It is removed and everyone is signed out. Choose a new password with the link just emailed to you."), outboxHint()),
            );
          },
        }),
      ),
    );
  }

  Demo.section({
    name: "notMe",
    requires: ["notMe"],
    routes: { "/not-me/:uid/:token": notMe },
  });
})();
