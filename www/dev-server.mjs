#!/usr/bin/env node
// A static file server for the pages that need no record service: the instructor preview
// (which reads a package file with its keys from examples/) and the browser benchmarks. It
// serves the repository root read-only on 127.0.0.1 (no dot-files, nothing outside the root).
// The host demo page and its records run on the real service instead: `certa serve` (./x demo).
//
//   node www/dev-server.mjs [--port 8080]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8",
};

/**
 * Start the server. Resolves to {server, url, close()}.
 * @param {{port?: number, root?: string}} [options]
 */
export async function startDevServer(options = {}) {
  const root = resolve(options.root ?? REPO_ROOT);

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) send(response, 500, { error: String(error?.message ?? error) });
      else response.destroy();
    });
  });

  async function handle(request, response) {
    const url = new URL(request.url, "http://127.0.0.1");
    if (request.method !== "GET" && request.method !== "HEAD") {
      return send(response, 405, { error: "read-only" }, { Allow: "GET, HEAD" });
    }
    if (url.pathname === "/") {
      response.writeHead(302, { Location: "/www/preview.html" });
      return response.end();
    }
    return serveFile(url.pathname, request, response);
  }

  async function serveFile(pathname, request, response) {
    let decoded;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return send(response, 400, { error: "bad path" });
    }
    const path = normalize(join(root, decoded));
    if (path !== root && !path.startsWith(root + sep)) return send(response, 403, { error: "outside the root" });
    if (decoded.split("/").some((part) => part.startsWith(".") && part !== "")) return send(response, 404, { error: "not found" });
    let info;
    try {
      info = await stat(path);
    } catch {
      return send(response, 404, { error: "not found" });
    }
    if (info.isDirectory()) return send(response, 404, { error: "not found" });
    const body = await readFile(path);
    response.writeHead(200, {
      "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
      "Content-Length": body.length,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    });
    response.end(request.method === "HEAD" ? undefined : body);
  }

  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 8080, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}

function send(response, status, body, headers = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers });
  response.end(text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const port = Number(option("--port") ?? process.env.PORT ?? 8080);
  const running = await startDevServer({ port });
  console.log(`static files: ${running.url}/www/preview.html (the host demo page needs certa serve: ./x demo)`);
  console.log("press Ctrl+C to stop");
}
