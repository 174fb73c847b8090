"use strict";

// The shell of the app: sections register routes and navigation links,
// shown only when every endpoint a section requires is mounted.
const Demo = (() => {
  const config = JSON.parse(document.getElementById("demo-config").textContent);
  const sections = [];
  const routes = [];

  function section(definition) {
    sections.push(definition);
  }

  function isAvailable(definition) {
    return (definition.requires || []).every((name) => Api.has(name));
  }

  // "/activate/:uid/:token" -> a RegExp and the names of its parameters.
  function compile(path) {
    const names = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (match, name) => {
      names.push(name);
      return "([^/]+)";
    });
    return { pattern: new RegExp(`^${source}$`), names };
  }

  // Builds elements with textContent only: API data never becomes markup.
  function el(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function labelFor(name) {
    const text = name.replace(/^re_/, "repeat ").replace(/_/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function inputType(name) {
    if (name.includes("password")) return "password";
    if (name === config.fields.email || name.endsWith(`_${config.fields.email}`)) return "email";
    return "text";
  }

  function messagesOf(value) {
    if (Array.isArray(value)) return value.flatMap(messagesOf);
    if (value && typeof value === "object") return Object.values(value).flatMap(messagesOf);
    return [String(value)];
  }

  function errorList(messages) {
    return el("ul", { class: "errors" }, messages.map((message) => el("li", {}, message)));
  }

  // Puts each API error under the field it names; the rest above the button.
  function showErrors(form, body) {
    const general = form.querySelector(".form-errors");
    const leftovers = [];
    // A list (what DRF answers to a ValidationError raised in a view) names no field.
    const entries = body && typeof body === "object" && !Array.isArray(body) ? Object.entries(body) : [["detail", body]];
    for (const [name, value] of entries) {
      const field = form.querySelector(`.field[data-name="${CSS.escape(name)}"]`);
      if (field) {
        field.classList.add("invalid");
        field.append(errorList(messagesOf(value)));
      } else {
        const prefix = name === "detail" || name === "non_field_errors" ? "" : `${labelFor(name)}: `;
        leftovers.push(...messagesOf(value).map((message) => prefix + message));
      }
    }
    if (leftovers.length) general.append(errorList(leftovers));
  }

  function clearErrors(form) {
    form.querySelectorAll(".errors").forEach((list) => list.remove());
    form.querySelectorAll(".invalid").forEach((field) => field.classList.remove("invalid"));
  }

  // fields: [{name, label?, type?, value?, readonly?, autocomplete?}]
  function form({ id, fields, submitLabel, onSubmit, danger = false, extra = null }) {
    const element = el(
      "form",
      { id, novalidate: true },
      fields.map((field) =>
        el(
          "div",
          { class: "field", "data-name": field.name },
          el("label", { for: `${id}-${field.name}` }, field.label || labelFor(field.name)),
          el("input", {
            id: `${id}-${field.name}`,
            name: field.name,
            type: field.type || inputType(field.name),
            value: field.value ?? "",
            readonly: field.readonly || false,
            autocomplete: field.autocomplete || "off",
          }),
        ),
      ),
      extra,
      el("div", { class: "form-errors" }),
      el("button", { type: "submit", class: danger ? "danger" : null }, submitLabel),
    );
    element.addEventListener("submit", async (event) => {
      event.preventDefault();
      clearErrors(element);
      const button = element.querySelector("button[type=submit]");
      const values = {};
      for (const field of fields) {
        if (!field.readonly) values[field.name] = element.elements[field.name].value;
      }
      for (const input of element.querySelectorAll("input[type=radio]:checked")) {
        values[input.name] = input.value;
      }
      button.disabled = true;
      try {
        await onSubmit(values, element);
      } catch (error) {
        if (!(error instanceof Api.ApiError)) throw error;
        showErrors(element, error.body);
      } finally {
        button.disabled = false;
      }
    });
    return element;
  }

  function notice(text, kind = "ok") {
    return el("p", { class: kind === "error" ? "notice error" : "notice", role: "status" }, text);
  }

  function card(title, ...children) {
    return el("section", { class: "card" }, el("h1", {}, title), ...children);
  }

  // Where a new message can be read when no mail server is at hand.
  function outboxHint() {
    if (!Api.has("outbox")) return null;
    return el("p", { class: "muted" }, "No mail server here: read the message in the ", el("a", { href: "#/outbox" }, "outbox"), ".");
  }

  // Shows a "please log in" card when nobody is; says whether it did.
  function requireSignIn(view) {
    if (signedIn()) return false;
    view.append(card("Please log in", el("p", {}, "This page needs a signed-in user. "), el("a", { href: "#/login" }, "Log in")));
    return true;
  }

  function go(path) {
    if (location.hash === `#${path}`) render();
    else location.hash = `#${path}`;
  }

  function signedIn() {
    return Api.scheme() !== null;
  }

  function renderNav() {
    const nav = document.getElementById("nav");
    const current = location.hash.slice(1) || "/";
    const links = sections
      .filter(isAvailable)
      .flatMap((definition) => definition.nav || [])
      .filter((link) => (link.when === "signed-in" ? signedIn() : link.when === "anonymous" ? !signedIn() : true));
    nav.replaceChildren(
      ...links.map((link) =>
        el("a", { href: `#${link.path}`, class: current === link.path ? "active" : null }, link.label),
      ),
    );
    document.getElementById("who").textContent = signedIn() ? `Signed in (${Api.scheme()})` : "Not signed in";
  }

  async function render() {
    const path = location.hash.slice(1) || "/";
    const view = document.getElementById("view");
    renderNav();
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
      view.replaceChildren();
      try {
        await route.render(view, params);
      } catch (error) {
        if (!(error instanceof Api.ApiError)) throw error;
        // A change that asked for reauthentication keeps the user signed in.
        if (error.status === 401 && !error.reauthentication) {
          Api.forget();
          renderNav();
        }
        view.replaceChildren(card("Something went wrong", notice(messagesOf(error.body).join(" "), "error")));
      }
      document.title = `${view.querySelector("h1")?.textContent || "djoser"} · djoser demo`;
      return;
    }
    view.replaceChildren(card("Not found", el("p", {}, "No page here. "), el("a", { href: "#/" }, "Home")));
  }

  function start() {
    Api.configure(config.endpoints);
    for (const definition of sections.filter(isAvailable)) {
      for (const [path, renderRoute] of Object.entries(definition.routes)) {
        routes.push({ ...compile(path), render: renderRoute });
      }
    }
    window.addEventListener("hashchange", render);
    render();
  }

  return { config, section, el, form, notice, card, outboxHint, requireSignIn, go, signedIn, renderNav, start };
})();
