"use strict";

// Reauthentication: when a change answers 401 {"reauthentication_required"},
// a dialog asks for the password, a two-factor code or a passkey (whatever
// the answer's "methods" allow), posts it to reauthenticate/, and the API
// client sends the change again.
(() => {
  const { el, form } = Demo;

  const CODE_METHODS = ["totp", "recovery_code"];

  function fieldsFor(methods) {
    const fields = [];
    if (methods.includes("password")) fields.push({ name: "current_password", autocomplete: "current-password" });
    if (CODE_METHODS.some((method) => methods.includes(method))) {
      fields.push({ name: "code", label: "Code from the app or a recovery code", autocomplete: "one-time-code" });
    }
    return fields;
  }

  function ask(methods) {
    return new Promise((resolve) => {
      const finish = (done) => {
        dialog.close();
        dialog.remove();
        resolve(done);
      };
      const fields = fieldsFor(methods);
      const withPasskey = methods.includes("passkey") && Api.has("reauthenticatePasskeyRequest") && Demo.askAuthenticator;
      // el() leaves out the parts this account has no use for (null).
      const dialog = el(
        "dialog",
        { id: "reauthenticate-dialog", "aria-labelledby": "reauthenticate-title" },
        el("h1", { id: "reauthenticate-title" }, "Confirm it is you"),
        el("p", {}, "This change needs a fresh proof that you are the account's owner. It lasts a few minutes."),
        // "login": an account with nothing else to prove with signs in again.
        methods.includes("login") ? el("p", { id: "reauthenticate-login" }, "Sign out and sign in again, then repeat the change.") : null,
        fields.length
          ? form({
              id: "reauthenticate",
              fields,
              submitLabel: "Confirm",
              onSubmit: async (values) => {
                await Api.call("POST", "reauthenticate", values);
                finish(true);
              },
            })
          : null,
        withPasskey
          ? form({
              id: "reauthenticate-passkey",
              fields: [],
              submitLabel: "Confirm with a passkey",
              onSubmit: async () => {
                const options = await Api.call("POST", "reauthenticatePasskeyRequest");
                await Api.call("POST", "reauthenticate", await Demo.askAuthenticator("get", options));
                finish(true);
              },
            })
          : null,
        el("button", { type: "button", id: "reauthenticate-cancel", onclick: () => finish(false) }, "Cancel"),
      );
      // Escape closes the dialog: the change is not made.
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault();
        finish(false);
      });
      document.body.append(dialog);
      dialog.showModal();
    });
  }

  // No pages of its own: a dialog over the page whose change asked for it.
  Demo.section({ name: "reauthenticate", requires: ["reauthenticate"], routes: {} });
  // Registered before Demo.start() configures the endpoints: whether
  // reauthenticate/ is mounted is asked when a change needs it.
  Api.onReauthenticationRequired((methods) => (Api.has("reauthenticate") ? ask(methods) : Promise.resolve(false)));
})();
