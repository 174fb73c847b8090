"use strict";

// Connected accounts (djoser.social): the provider accounts linked to the
// signed-in user, linking one more with a token from the provider's SDK,
// and unlinking one (refused when it is the account's last way in).
(() => {
  const { el, form, notice, card, requireSignIn } = Demo;

  function linkItem(view, link) {
    return el(
      "li",
      { "data-social-account": link.id },
      el(
        "div",
        {},
        el("strong", { class: "social-provider" }, link.provider),
        " ",
        el("code", { class: "social-uid" }, link.uid),
        el("span", { class: "muted" }, ` · linked ${new Date(link.created).toLocaleString()}`),
      ),
      form({
        id: `social-disconnect-${link.id}`,
        fields: [],
        submitLabel: "Disconnect",
        danger: true,
        onSubmit: async () => {
          await Api.call("DELETE", "socialAccount", undefined, { pk: link.id });
          await showLinks(view, `Disconnected ${link.provider}.`);
        },
      }),
    );
  }

  async function showLinks(view, message) {
    const links = await Api.call("GET", "socialAccounts");
    view.replaceChildren(
      card(
        "Connected accounts",
        message ? notice(message) : null,
        links.length
          ? el("ul", { id: "social-account-list", class: "passkeys" }, links.map((link) => linkItem(view, link)))
          : el("p", { id: "social-account-list-empty" }, "No provider account is linked to this account."),
      ),
      card(
        "Connect a provider account",
        el("p", { class: "muted" }, "Paste an ID token the provider's SDK gave your app (the backend must be listed in SOCIAL_AUTH_TOKEN_LOGIN). Your password is asked for while the account has one."),
        form({
          id: "social-connect",
          fields: [
            { name: "provider", label: "Provider (backend name)" },
            { name: "id_token", label: "ID token" },
            { name: "current_password", autocomplete: "current-password" },
          ],
          submitLabel: "Connect",
          onSubmit: async (values) => {
            const body = { provider: values.provider.trim(), id_token: values.id_token.trim() };
            if (values.current_password) body.current_password = values.current_password;
            const linked = await Api.call("POST", "socialAccounts", body);
            await showLinks(view, `Connected ${linked.provider}.`);
          },
        }),
      ),
    );
  }

  async function connectedAccounts(view) {
    if (requireSignIn(view)) return;
    await showLinks(view, null);
  }

  Demo.section({
    name: "social",
    requires: ["socialAccounts", "socialAccount"],
    nav: [{ path: "/social", label: "Connected accounts", when: "signed-in" }],
    routes: { "/social": connectedAccounts },
  });
})();
