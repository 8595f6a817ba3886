import { appendFileSync, readFileSync } from "node:fs";
// src/cli/remote/ask-remote-gate.ts
/** Asks the server's gate; the decision is the same object `tollgate gate --json` prints. */
function askRemoteGate(client, request) {
	const body = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== void 0));
	return client.post("/api/v1/gate", body);
}
// src/core/errors.ts
var TollgateError = class extends Error {
	code;
	kind;
	details;
	constructor(code, message, kind = "invalid-input", details) {
		super(message);
		this.name = "TollgateError";
		this.code = code;
		this.kind = kind;
		this.details = details;
	}
};
function isTollgateError(error) {
	return error instanceof TollgateError;
}
// src/cli/remote/remote-client.ts
/** The server could not give an answer: not reached, timed out, or failed itself (5xx). */
var REMOTE_UNREACHABLE = "REMOTE_UNREACHABLE";
/** What an answer's status means on the command line (the kind picks the exit code). */
function kindOfStatus(status) {
	if (status === 400 || status === 401 || status === 403) return "usage";
	if (status === 404) return "not-found";
	if (status === 409) return "conflict";
	return "invalid-input";
}
/**
* A small client of Tollgate's HTTP API for commands that ask a running server: JSON in and
* out, the token as a bearer, refusals turned back into the server's own code and message.
*/
function createRemoteClient(connection) {
	async function send(method, path, body) {
		let response;
		try {
			response = await fetch(`${connection.server}${path}`, {
				method,
				headers: {
					authorization: `Bearer ${connection.token}`,
					accept: "application/json",
					...body === void 0 ? {} : { "content-type": "application/json" }
				},
				body: body === void 0 ? void 0 : JSON.stringify(body),
				signal: AbortSignal.timeout(connection.timeoutMs)
			});
		} catch (error) {
			const cause = error instanceof Error ? error.cause ?? error : error;
			const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer within ${connection.timeoutMs / 1e3} s` : cause instanceof Error ? cause.message : String(cause);
			throw new TollgateError(REMOTE_UNREACHABLE, `Could not reach the Tollgate server at ${connection.server} (${reason}): check --server or TOLLGATE_SERVER and that the server runs.`, "unavailable");
		}
		const text = await response.text();
		let answer;
		try {
			answer = text === "" ? void 0 : JSON.parse(text);
		} catch {
			answer = void 0;
		}
		if (response.ok && answer !== void 0) return answer;
		const refusal = answer?.error;
		const request = refusal?.requestId ? ` (request ${refusal.requestId})` : "";
		if (response.status >= 500 || !refusal?.code) throw new TollgateError(REMOTE_UNREACHABLE, `The Tollgate server at ${connection.server} did not answer ${method} ${path} (HTTP ${response.status}${refusal?.message ? `: ${refusal.message}` : ""})${request}: see the server's log.`, "unavailable");
		throw new TollgateError(refusal.code, `${refusal.message ?? `HTTP ${response.status}`} (server ${connection.server}${request})`, kindOfStatus(response.status));
	}
	return {
		get: (path) => send("GET", path),
		post: (path, body) => send("POST", path, body),
		delete: (path) => send("DELETE", path)
	};
}
// src/cli/remote/remote-connection.ts
/** This machine: localhost, 127.0.0.0/8 or ::1, where plain http crosses no network. */
function isLoopbackHost(hostname) {
	const host = hostname.toLowerCase().replace(/\.$/, "");
	return host === "localhost" || host.endsWith(".localhost") || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) || host === "[::1]";
}
var MAX_TIMEOUT_SECONDS = 600;
/**
* The connection from --server/--token/--timeout, else TOLLGATE_SERVER/TOLLGATE_TOKEN; undefined
* when no server is named (the command then works on its local database). A server without a
* token, a token without a server, or an address that is not http(s) is a usage error.
*/
function readRemoteConnection(flags, env) {
	const server = flags.server ?? (env.TOLLGATE_SERVER || void 0);
	const token = flags.token ?? (env.TOLLGATE_TOKEN || void 0);
	if (server === void 0) {
		if (flags.token !== void 0 || flags.timeout !== void 0) throw new TollgateError("REMOTE_SERVER_MISSING", "--token and --timeout need --server (or TOLLGATE_SERVER): the address of a running tollgate serve.", "usage");
		return;
	}
	let address;
	try {
		address = new URL(server);
	} catch {
		throw new TollgateError("REMOTE_SERVER_INVALID", `--server '${server}' is not an address: give one like https://tollgate.example.com.`, "usage");
	}
	if (address.protocol !== "http:" && address.protocol !== "https:") throw new TollgateError("REMOTE_SERVER_INVALID", `--server '${server}' is not an http or https address: give one like https://tollgate.example.com.`, "usage");
	if (address.protocol === "http:" && !isLoopbackHost(address.hostname) && !flags.insecure && env.TOLLGATE_INSECURE !== "1") throw new TollgateError("REMOTE_PLAIN_HTTP", `--server '${server}' is plain http to another machine: the API token (and any password) would cross the network readable, so nothing was sent. Use https://, or pass --insecure (or set TOLLGATE_INSECURE=1) if the network between is trusted.`, "usage");
	if (!token) throw new TollgateError("REMOTE_TOKEN_MISSING", "Asking a server needs an API token: pass --token or set TOLLGATE_TOKEN (create one with tollgate tokens create).", "usage");
	const seconds = flags.timeout === void 0 ? 30 : Number(flags.timeout);
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) throw new TollgateError("REMOTE_TIMEOUT_INVALID", `--timeout '${flags.timeout}' is not a whole number of seconds from 1 to ${MAX_TIMEOUT_SECONDS}.`, "usage");
	return {
		server: address.href.replace(/\/+$/, ""),
		token,
		timeoutMs: seconds * 1e3
	};
}
// src/core/governance/gate/render-gate-markdown.ts
function cell(text) {
	return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}
/** The gate decision as a pull-request comment. */
function renderGateMarkdown(decision) {
	return `${[
		`### ${decision.decision === "allow" ? "✅ Tollgate: deployment allowed" : "⛔ Tollgate: deployment denied"}`,
		"",
		`**${decision.service}** → **${decision.environment}** · ${decision.changeType} change` + (decision.version ? ` · version \`${decision.version}\`` : "") + (decision.releaseId ? ` · release ${decision.releaseId}` : ""),
		"",
		"| check | ok | detail |",
		"|---|---|---|",
		...decision.reasons.map((reason) => `| ${reason.check} | ${reason.ok ? "✅" : "❌"} | ${cell(reason.detail)} |`),
		"",
		`_Policy ${decision.policyVersion}, decided at ${decision.at}._`
	].join("\n")}\n`;
}
// src/ci/github-action/action-inputs.ts
/** GitHub upper-cases an input's name and keeps its hyphens: `change-type` is INPUT_CHANGE-TYPE. */
function readInput(env, name) {
	const value = env[`INPUT_${name.toUpperCase()}`]?.trim();
	return value === "" ? void 0 : value;
}
function requireInput(env, name) {
	const value = readInput(env, name);
	if (value === void 0) throw new TollgateError("ACTION_INPUT_MISSING", `The input '${name}' is required: set it under with: in the workflow step.`, "usage");
	return value;
}
function readChoice(env, name, choices, fallback) {
	const value = readInput(env, name) ?? fallback;
	if (choices.includes(value)) return value;
	throw new TollgateError("ACTION_INPUT_INVALID", `The input '${name}' is '${value}': give ${choices.join(" or ")}.`, "usage");
}
function readGateActionInputs(env) {
	return {
		server: requireInput(env, "server"),
		token: requireInput(env, "token"),
		service: requireInput(env, "service"),
		environment: requireInput(env, "environment"),
		release: readInput(env, "release"),
		version: readInput(env, "version") ?? env.GITHUB_SHA,
		changeType: readInput(env, "change-type"),
		estimate: readInput(env, "estimate"),
		change: readInput(env, "change"),
		onUnreachable: readChoice(env, "on-unreachable", ["deny", "allow"], "deny"),
		comment: readChoice(env, "comment", ["true", "false"], "true") === "true",
		insecure: readChoice(env, "insecure", ["true", "false"], "false") === "true",
		githubToken: readInput(env, "github-token")
	};
}
// src/ci/github-action/pull-request-comment.ts
/** Marks the action's own comment, so a new run edits it instead of adding another. */
var COMMENT_MARKER = "<!-- tollgate-gate -->";
/** The pull request of the event that runs the workflow, or undefined for other events. */
function readPullRequestNumber(env) {
	if (!env.GITHUB_EVENT_PATH) return void 0;
	return JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8")).pull_request?.number;
}
async function callGitHub(env, token, method, path, body) {
	const api = (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/+$/, "");
	const response = await fetch(`${api}${path}`, {
		method,
		headers: {
			authorization: `Bearer ${token}`,
			accept: "application/vnd.github+json",
			"x-github-api-version": "2022-11-28",
			...body === void 0 ? {} : { "content-type": "application/json" }
		},
		body: body === void 0 ? void 0 : JSON.stringify(body)
	});
	if (!response.ok) throw new TollgateError("ACTION_COMMENT_FAILED", `GitHub answered ${response.status} to ${method} ${path}: give the workflow 'pull-requests: write' permission and the github-token input.`, "unavailable");
	return response.status === 204 ? void 0 : response.json();
}
/**
* Writes the gate's reasons on the pull request: 1. list the pull request's comments (the
* first 100); 2. edit the one that carries the marker, or 3. add one. A re-run keeps one
* comment up to date rather than one per push.
*/
async function upsertPullRequestComment(env, token, pullRequest, markdown) {
	const repository = env.GITHUB_REPOSITORY;
	if (!repository) throw new TollgateError("ACTION_COMMENT_FAILED", "GITHUB_REPOSITORY is not set: run the action in a GitHub workflow.", "usage");
	const body = `${COMMENT_MARKER}\n${markdown}`;
	const own = (await callGitHub(env, token, "GET", `/repos/${repository}/issues/${pullRequest}/comments?per_page=100`)).find((comment) => comment.body?.startsWith(COMMENT_MARKER));
	if (own) {
		await callGitHub(env, token, "PATCH", `/repos/${repository}/issues/comments/${own.id}`, { body });
		return "updated";
	}
	await callGitHub(env, token, "POST", `/repos/${repository}/issues/${pullRequest}/comments`, { body });
	return "created";
}
// src/ci/github-action/run-gate-action.ts
/** A workflow command line: GitHub shows it as an annotation; % and line breaks escaped as it asks. */
function annotate(level, message) {
	const escaped = message.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
	process.stdout.write(`::${level}::${escaped}\n`);
}
function writeOutput(env, name, value) {
	if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
}
/**
* The Tollgate GitHub Action: 1. ask the server's gate; 2. write the reasons as the job summary
* and, on a pull request, as its comment; 3. set the outputs `decision` and `denied-checks`;
* 4. fail the step (exit 1) on deny, or when the server cannot answer unless on-unreachable is
* allow. Returns the exit code.
*/
async function runGateAction(env) {
	let markdown;
	let exitCode;
	try {
		const inputs = readGateActionInputs(env);
		const connection = readRemoteConnection({
			server: inputs.server,
			token: inputs.token,
			insecure: inputs.insecure
		}, {});
		let decision;
		try {
			decision = await askRemoteGate(createRemoteClient(connection), {
				service: inputs.service,
				environment: inputs.environment,
				releaseId: inputs.release,
				version: inputs.version,
				changeType: inputs.changeType,
				estimate: inputs.estimate,
				changeId: inputs.change
			});
		} catch (error) {
			if (!(isTollgateError(error) && error.code === "REMOTE_UNREACHABLE" && inputs.onUnreachable === "allow")) throw error;
			annotate("warning", `${error.message} Allowed without a decision: on-unreachable is allow (fail open).`);
			markdown = `### ⚠️ Tollgate: not decided, allowed (fail open)\n\n${error.message}\n`;
			writeOutput(env, "decision", "allow");
			writeOutput(env, "denied-checks", "");
		}
		if (decision) {
			markdown = renderGateMarkdown(decision);
			const denied = decision.reasons.filter((reason) => !reason.ok).map((reason) => reason.check);
			writeOutput(env, "decision", decision.decision);
			writeOutput(env, "denied-checks", denied.join(","));
			if (decision.decision === "deny") annotate("error", `Deployment denied: ${denied.join(", ")} did not pass.`);
			else annotate("notice", `Deployment allowed: ${decision.service} -> ${decision.environment}.`);
		}
		exitCode = decision?.decision === "deny" ? 1 : 0;
		if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
		const pullRequest = readPullRequestNumber(env);
		if (pullRequest !== void 0 && inputs.comment) {
			if (!inputs.githubToken) throw new TollgateError("ACTION_INPUT_MISSING", "Commenting on a pull request needs the input 'github-token' (the workflow's github.token), or set comment: false.", "usage");
			await upsertPullRequestComment(env, inputs.githubToken, pullRequest, markdown);
		}
		return exitCode;
	} catch (error) {
		annotate("error", isTollgateError(error) ? `[${error.code}] ${error.message}` : String(error));
		return 1;
	}
}
// src/ci/github-action/gate-action-main.ts
process.exitCode = await runGateAction(process.env);
export {};
