import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { exampleVariablesOn } from "./example-dates";

/**
 * The API explorer of the local runtime: a GraphiQL page at `GET /graphql` for a browser, with
 * the example operations of `graphql/operations/` preloaded as tabs and the matching demo key
 * in each tab's header editor.
 *
 * Everything it loads comes from npm packages on this machine (no CDN, works offline):
 * GraphiQL 3's prebuilt `graphiql.min.js` / `graphiql.min.css` and React 18's UMD builds, served
 * under `/explorer/assets/`. The page's Content-Security-Policy allows nothing but this origin.
 *
 * It lives here, in the development-only local runtime, and never in the Lambda handler: a
 * deployed stage serves no page at all. The HTTP adapter asks it first and forwards everything
 * it declines unchanged — a GET with a `query` parameter, or one that does not ask for HTML, still
 * reaches the handler, exactly as API Gateway would deliver it.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const require = createRequire(import.meta.url);

/** Where the page's scripts and styles are served. */
export const EXPLORER_ASSETS_PATH = "/explorer/assets/";

/** Which demo key each user's tabs carry (the folder names of `graphql/operations/`). */
export interface ExplorerKeys {
  seller: string;
  partner: string;
  marketplace: string;
  operator: string;
}

/** One preloaded GraphiQL tab (GraphiQL's `TabDefinition`). */
export interface ExplorerTab {
  query: string;
  variables: string | null;
  headers: string;
}

export interface ExplorerOptions {
  /** The GraphQL endpoint the page calls (same origin). */
  graphqlPath: string;
  keys: ExplorerKeys;
  /** Defaults to the repository's `graphql/operations/`. */
  operationsDir?: string;
}

export interface Explorer {
  /**
   * Serves the request when it is the explorer's (the page or an asset) and returns true; otherwise touches nothing and
   * returns false.
   */
  serve(req: IncomingMessage, res: ServerResponse): boolean;
}

const USERS = ["seller", "partner", "marketplace", "operator"] as const;
/** The seller dashboard's late-order queue opens first: it is what the local demo is about. */
const FIRST = "late-order-queue.graphql";

/**
 * Every example operation as a tab: seller, then partner, marketplace, operator; variables from the sibling
 * `.variables.json`, their dates moved to `now` (`exampleVariablesOn`), request headers besides the user's key from
 * the sibling `.headers.json` (an example in another language sends `accept-language`).
 */
export function exampleTabs(operationsDir: string, keys: ExplorerKeys, now: Date): ExplorerTab[] {
  const tabs: ExplorerTab[] = [];
  for (const user of USERS) {
    const dir = join(operationsDir, user);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir)
      .filter((f) => f.endsWith(".graphql"))
      .sort((a, b) => (a === FIRST ? -1 : b === FIRST ? 1 : a.localeCompare(b)));
    for (const file of files) {
      const variablesFile = join(dir, file.replace(/\.graphql$/, ".variables.json"));
      const headersFile = join(dir, file.replace(/\.graphql$/, ".headers.json"));
      const extra = existsSync(headersFile) ? (JSON.parse(readFileSync(headersFile, "utf8")) as object) : {};
      tabs.push({
        query: readFileSync(join(dir, file), "utf8"),
        variables: existsSync(variablesFile) ? exampleVariablesOn(readFileSync(variablesFile, "utf8"), now) : null,
        headers: JSON.stringify({ authorization: `Bearer ${keys[user]}`, ...extra }, null, 2),
      });
    }
  }
  return tabs;
}

interface Asset {
  file: string;
  type: string;
}

function packageFile(pkg: string, path: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), path);
}

/** The files the page loads, by the name it loads them under. */
function assets(): Record<string, Asset> {
  return {
    "react.production.min.js": {
      file: packageFile("react", "umd/react.production.min.js"),
      type: "application/javascript; charset=utf-8",
    },
    "react-dom.production.min.js": {
      file: packageFile("react-dom", "umd/react-dom.production.min.js"),
      type: "application/javascript; charset=utf-8",
    },
    "graphiql.min.js": {
      file: packageFile("graphiql", "graphiql.min.js"),
      type: "application/javascript; charset=utf-8",
    },
    "graphiql.min.css": { file: packageFile("graphiql", "graphiql.min.css"), type: "text/css; charset=utf-8" },
  };
}

/**
 * Starts GraphiQL from the configuration embedded in the page. Tabs are kept in the browser's
 * storage under a key that changes with the examples, so an edited example shows up on reload
 * while a user's own edits survive as long as the examples stay the same.
 */
const BOOT_SCRIPT = `"use strict";
(function () {
  var config = JSON.parse(document.getElementById("explorer-config").textContent);
  var prefix = "seller-ops-explorer:" + config.examplesVersion + ":";
  var storage = {
    getItem: function (key) { return window.localStorage.getItem(prefix + key); },
    setItem: function (key, value) { window.localStorage.setItem(prefix + key, value); },
    removeItem: function (key) { window.localStorage.removeItem(prefix + key); },
    clear: function () {
      Object.keys(window.localStorage).forEach(function (key) {
        if (key.indexOf(prefix) === 0) window.localStorage.removeItem(key);
      });
    },
    get length() {
      return Object.keys(window.localStorage).filter(function (key) { return key.indexOf(prefix) === 0; }).length;
    },
  };
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: config.url }),
      defaultTabs: config.tabs,
      defaultHeaders: config.defaultHeaders,
      defaultEditorToolsVisibility: "headers",
      shouldPersistHeaders: false,
      storage: storage,
    }),
  );
})();
`;

/** JSON that is safe inside a `<script>` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * Only this origin: proves the page needs nothing from the internet (GraphiQL sets inline styles, and its fonts are
 * data: URLs).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function explorerPage(options: { graphqlPath: string; tabs: ExplorerTab[]; defaultHeaders: string }): string {
  const examplesVersion = createHash("sha256").update(JSON.stringify(options.tabs)).digest("hex").slice(0, 12);
  const config = {
    url: options.graphqlPath,
    tabs: options.tabs,
    defaultHeaders: options.defaultHeaders,
    examplesVersion,
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>seller-ops API explorer (local)</title>
    <link rel="stylesheet" href="${EXPLORER_ASSETS_PATH}graphiql.min.css" />
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading the API explorer…</div>
    <script src="${EXPLORER_ASSETS_PATH}react.production.min.js"></script>
    <script src="${EXPLORER_ASSETS_PATH}react-dom.production.min.js"></script>
    <script src="${EXPLORER_ASSETS_PATH}graphiql.min.js"></script>
    <script type="application/json" id="explorer-config">${scriptJson(config)}</script>
    <script src="${EXPLORER_ASSETS_PATH}explorer.js"></script>
  </body>
</html>
`;
}

/** A browser opening the endpoint: a GET that asks for HTML and carries no GraphQL `query`. */
export function wantsExplorerPage(
  req: Pick<IncomingMessage, "method" | "url" | "headers">,
  graphqlPath: string,
): boolean {
  if ((req.method ?? "GET").toUpperCase() !== "GET") return false;
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname !== graphqlPath || url.searchParams.has("query")) return false;
  const accept = String(req.headers.accept ?? "").toLowerCase();
  return accept.split(",").some((type) => type.split(";")[0]!.trim() === "text/html");
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string | Buffer,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { "content-type": type, "content-length": String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

export function createExplorer(options: ExplorerOptions): Explorer {
  const operationsDir = options.operationsDir ?? join(ROOT, "graphql", "operations");
  const files = assets();
  for (const [name, asset] of Object.entries(files)) {
    if (!existsSync(asset.file))
      throw new Error(`API explorer: ${name} not found at ${relative(ROOT, asset.file)}; run npm install.`);
  }
  const defaultHeaders = JSON.stringify({ authorization: `Bearer ${options.keys.seller}` }, null, 2);

  return {
    serve(req, res) {
      const path = (req.url ?? "/").split("?")[0]!;
      if (path.startsWith(EXPLORER_ASSETS_PATH)) {
        req.resume();
        const name = path.slice(EXPLORER_ASSETS_PATH.length);
        if (req.method !== "GET" && req.method !== "HEAD") {
          send(res, 405, "text/plain; charset=utf-8", "Method Not Allowed", { allow: "GET, HEAD" });
        } else if (name === "explorer.js") {
          send(res, 200, "application/javascript; charset=utf-8", BOOT_SCRIPT, { "cache-control": "no-cache" });
        } else if (Object.hasOwn(files, name)) {
          const asset = files[name]!;
          send(res, 200, asset.type, readFileSync(asset.file), { "cache-control": "public, max-age=3600" });
        } else {
          send(res, 404, "text/plain; charset=utf-8", "Not found");
        }
        return true;
      }
      if (!wantsExplorerPage(req, options.graphqlPath)) return false;
      req.resume();
      // Read on every request so an edited example shows up on reload without a restart.
      const page = explorerPage({
        graphqlPath: options.graphqlPath,
        tabs: exampleTabs(operationsDir, options.keys, new Date()),
        defaultHeaders,
      });
      send(res, 200, "text/html; charset=utf-8", page, {
        "cache-control": "no-store",
        "content-security-policy": CONTENT_SECURITY_POLICY,
        "x-content-type-options": "nosniff",
      });
      return true;
    },
  };
}
