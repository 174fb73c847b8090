// The account flow through a client generated from the test project's
// schema (openapi-typescript) and openapi-fetch: no casts, so `tsc` checks
// every body and every branch against the schema.
// Usage: node build/flow.js http://127.0.0.1:PORT
import createClient from "openapi-fetch";
import type { paths } from "./generated/schema.js";
import { totpCode } from "./totp.js";

const base = process.argv[2];
if (!base) throw new Error("usage: node build/flow.js BASE_URL");
const client = createClient<paths>({ baseUrl: base });

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function step(name: string): void {
  console.log(`typescript: ${name}`);
}

const suffix = `${process.pid}${Date.now()}`;
const username = `ts${suffix}`;
const email = `ts${suffix}@example.com`;
const password = "first-Password-4711";
const newPassword = "second-Password-4712";

// What the deployment offers.
const config = await client.GET("/auth/config/");
check(config.data !== undefined, "config/ answered no body");
check(config.data.user_fields.login === "username", "the test project logs in by username");
check(config.data.login_methods.includes("jwt"), "jwt login is off");
check(config.data.two_factor.methods.includes("totp"), "two-factor sign-in is off");
step("config read");

// A refused registration: the 400 names the field, typed per endpoint.
const refused = await client.POST("/auth/users/", { body: { username, email: "not-an-address", password } });
check(refused.response.status === 400 && refused.error !== undefined, `users_create: ${refused.response.status}`);
const problem = refused.error;
check(!Array.isArray(problem) && "email" in problem && Array.isArray(problem.email), "no message under email");
step("refused registration read");

// Register, then activate from the link in the test project's outbox.
const created = await client.POST("/auth/users/", { body: { username, email, password } });
check(created.response.status === 201 && created.data !== undefined, `users_create: ${created.response.status}`);
check(created.data.username === username, "users_create answered another account");
step("registered");

// The outbox is the test project's development page, not part of the API:
// its JSON is checked by hand rather than typed by the schema.
interface OutboxMessage {
  to: string[];
  links: string[];
}
function isOutboxMessage(value: unknown): value is OutboxMessage {
  return (
    typeof value === "object" &&
    value !== null &&
    "to" in value &&
    Array.isArray(value.to) &&
    "links" in value &&
    Array.isArray(value.links)
  );
}
const outbox: unknown = await (await fetch(`${base}/dev/outbox/`)).json();
check(
  typeof outbox === "object" && outbox !== null && "messages" in outbox && Array.isArray(outbox.messages),
  "the outbox answered no messages",
);
const messages: unknown[] = outbox.messages;
const link = messages.filter(isOutboxMessage).find((message) => message.to.includes(email))?.links[0];
check(link !== undefined, "no activation email in the outbox");
const match = /#\/activate\/([^/]+)\/([^/]+)/.exec(link);
check(match !== null && match[1] !== undefined && match[2] !== undefined, `not an activation link: ${link}`);
const activated = await client.POST("/auth/users/activation/", { body: { uid: match[1], token: match[2] } });
check(activated.response.status === 204, `users_activation: ${activated.response.status}`);
step("activated");

// Log in with a JSON Web Token pair and read the account.
const pair = await client.POST("/auth/jwt/create/", { body: { username, password } });
check(pair.data !== undefined, `jwt_create: ${pair.response.status}`);
const bearer = { Authorization: `Bearer ${pair.data.access}` };
const me = await client.GET("/auth/users/me/", { headers: bearer });
check(me.data !== undefined && me.data.username === username, `users_me_retrieve: ${me.response.status}`);
step("signed in, users/me read");

// The secret is shown to a fresh reauthentication only.
const proved = await client.POST("/auth/reauthenticate/", { headers: bearer, body: { current_password: password } });
check(proved.data !== undefined && proved.data.method === "password", `reauthenticate: ${proved.response.status}`);
step("reauthenticated");

// Turn two-factor sign-in on with a code computed from the secret.
const setup = await client.GET("/auth/mfa/totp/", { headers: bearer });
check(setup.data !== undefined, `mfa_totp_setup: ${setup.response.status}`);
const secret = setup.data.secret;
const enabled = await client.POST("/auth/mfa/totp/", { headers: bearer, body: { code: totpCode(secret) } });
check(enabled.data !== undefined, `mfa_totp_enable: ${enabled.response.status}`);
const recoveryCodes = enabled.data.recovery_codes;
check(recoveryCodes.length > 0, "no recovery codes");
step("two-factor sign-in on");

// The first step answers the typed challenge: mfa_token without a cast.
const first = await client.POST("/auth/jwt/create/", { body: { username, password } });
check(first.response.status === 401, `jwt_create with two-factor: ${first.response.status}`);
check(first.response.headers.get("WWW-Authenticate") === "MFA", "no MFA challenge header");
check(first.error !== undefined && "mfa_token" in first.error, "the 401 is not the challenge");
const challenge = first.error;
check(challenge.mfa_required && challenge.methods.includes("totp"), "the challenge offers no totp");
// The enabling code's time step is spent: the next step's code is in the drift window.
const second = await client.POST("/auth/mfa/verify/", {
  body: { mfa_token: challenge.mfa_token, code: totpCode(secret, 1) },
});
check(second.data !== undefined, `mfa_verify: ${second.response.status}`);
const answer = second.data;
check(answer.login === "jwt", `mfa_verify answered the ${answer.login} login`);
const access = answer.access;
step("two-step login (jwt)");

// With two-factor sign-in on, a password change needs a code too: this
// login's access token reauthenticates with a recovery code.
const proofCode = recoveryCodes[1];
check(proofCode !== undefined, "no second recovery code");
const reproved = await client.POST("/auth/reauthenticate/", {
  headers: { Authorization: `Bearer ${access}` },
  body: { code: proofCode },
});
check(reproved.data !== undefined && reproved.data.method === "recovery_code", `reauthenticate: ${reproved.response.status}`);

// Change the password; the project logs every session out on a change.
const changed = await client.POST("/auth/users/set_password/", {
  headers: { Authorization: `Bearer ${access}` },
  body: { current_password: password, new_password: newPassword },
});
check(changed.response.status === 204, `users_set_password: ${changed.response.status}`);
step("password changed");

// Token login with the new password, a recovery code as the second step.
const tokenFirst = await client.POST("/auth/token/login/", { body: { username, password: newPassword } });
check(tokenFirst.error !== undefined && "mfa_token" in tokenFirst.error, "token_login asked no second step");
const recoveryCode = recoveryCodes[0];
check(recoveryCode !== undefined, "no recovery code");
const tokenSecond = await client.POST("/auth/mfa/verify/", {
  body: { mfa_token: tokenFirst.error.mfa_token, code: recoveryCode },
});
check(tokenSecond.data !== undefined && tokenSecond.data.login === "token", `mfa_verify: ${tokenSecond.response.status}`);
const tokenHeader = { Authorization: `Token ${tokenSecond.data.auth_token}` };
step("two-step login (token, recovery code)");

// Log out: the token stops working.
const loggedOut = await client.POST("/auth/token/logout/", { headers: tokenHeader });
check(loggedOut.response.status === 204, `token_logout: ${loggedOut.response.status}`);
const after = await client.GET("/auth/users/me/", { headers: tokenHeader });
check(after.response.status === 401 && after.error !== undefined, `users/me after logout: ${after.response.status}`);
check(typeof after.error.detail === "string", "the 401 has no detail");
step("logged out");
console.log("typescript: the whole flow passed");
