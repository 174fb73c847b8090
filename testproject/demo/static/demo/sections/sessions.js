"use strict";

// Signed-in devices (djoser.sessions): every login of the account, the one
// this page uses marked, each with a button that ends it, and one that ends
// all the others after the password is given again.
(() => {
  const { el, form, notice, card, requireSignIn } = Demo;

  function describe(session) {
    return session.device_name || session.user_agent || "Unknown device";
  }

  function sessionItem(view, session) {
    const used = session.last_used ? `last used ${new Date(session.last_used).toLocaleString()}` : "not used since";
    const where = session.client_address ? ` · from ${session.client_address}` : "";
    return el(
      "li",
      { "data-session": session.id, class: session.current ? "current" : null },
      el(
        "div",
        {},
        el("strong", { class: "session-device" }, describe(session)),
        session.current ? el("span", { class: "session-current" }, " (this device)") : null,
        el("span", { class: "muted" }, ` · ${session.kind} login ${new Date(session.created).toLocaleString()} · ${used}${where}`),
      ),
      form({
        id: `session-end-${session.id}`,
        fields: [],
        submitLabel: session.current ? "Log out here" : "Log out",
        danger: true,
        onSubmit: async () => {
          await Api.call("DELETE", "session", undefined, { pk: session.id });
          if (session.current) {
            Api.forget();
            Demo.go("/login");
            return;
          }
          await showSessions(view, `"${describe(session)}" was logged out.`);
        },
      }),
    );
  }

  async function showSessions(view, message) {
    const sessions = await Api.call("GET", "sessions");
    view.replaceChildren(
      card(
        "Signed-in devices",
        message ? notice(message) : null,
        el("ul", { id: "session-list", class: "passkeys" }, sessions.map((session) => sessionItem(view, session))),
      ),
      card(
        "Log out everywhere else",
        el("p", {}, "Ends every session but this one. Give your password again."),
        form({
          id: "sessions-logout-others",
          fields: [{ name: "current_password", autocomplete: "current-password" }],
          submitLabel: "Log out other devices",
          danger: true,
          onSubmit: async (values) => {
            await Api.call("POST", "sessionsLogoutOthers", values);
            await showSessions(view, "Every other device was logged out.");
          },
        }),
      ),
    );
  }

  async function sessionsPage(view) {
    if (requireSignIn(view)) return;
    await showSessions(view, null);
  }

  Demo.section({
    name: "sessions",
    requires: ["sessions", "session", "sessionsLogoutOthers"],
    nav: [{ path: "/sessions", label: "Signed-in devices", when: "signed-in" }],
    routes: { "/sessions": sessionsPage },
  });
})();
