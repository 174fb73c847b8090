"use strict";

// The development outbox: the messages testproject kept instead of sending.
(() => {
  const { el, card } = Demo;

  async function outbox(view) {
    const answer = await fetch(Demo.config.endpoints.outbox, { headers: { Accept: "application/json" } });
    const { messages } = await answer.json();
    view.append(
      card(
        "Outbox",
        el("p", { class: "muted" }, "Development only: the emails this server would have sent, newest first."),
        messages.length ? null : el("p", { id: "outbox-empty" }, "No messages yet."),
      ),
      ...messages.map((message) =>
        el(
          "article",
          { class: "card outbox", "data-message": message.id },
          el("h2", {}, message.subject),
          el("p", { class: "muted" }, `To ${message.to.join(", ")} · ${new Date(message.sent_at).toLocaleString()}`),
          el("div", { class: "links" }, message.links.map((link) => el("a", { href: link }, link))),
          el("pre", {}, message.body),
        ),
      ),
    );
  }

  Demo.section({
    name: "outbox",
    requires: ["outbox"],
    nav: [{ path: "/outbox", label: "Outbox", when: "always" }],
    routes: { "/outbox": outbox },
  });
})();
