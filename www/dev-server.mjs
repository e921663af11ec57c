#!/usr/bin/env node
// Development server for `./x demo` and the end-to-end tests, until the record service lands.
// Serves the repository root read-only on 127.0.0.1 and accepts POST /api/records, appending
// each new record as one line to target/demo-records.jsonl. Idempotent by attempt_id: a repeat
// returns 200 {"status": "duplicate"}. A demo store only: no verification, no authentication.
//
//   node www/dev-server.mjs [--port 8080] [--records target/demo-records.jsonl]
import { createServer } from "node:http";
import { readFile, appendFile, mkdir, stat } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8", ".txt": "text/plain; charset=utf-8",
};

/**
 * Start the server. Resolves to {server, url, records: () => object[], close()}.
 * @param {{port?: number, root?: string, recordsFile?: string}} [options]
 */
export async function startDevServer(options = {}) {
  const root = resolve(options.root ?? REPO_ROOT);
  const recordsFile = resolve(options.recordsFile ?? join(root, "target", "demo-records.jsonl"));
  const seen = new Map();
  if (existsSync(recordsFile)) {
    for (const line of readFileSync(recordsFile, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const record = JSON.parse(line);
        if (typeof record.attempt_id === "string") seen.set(record.attempt_id, record);
      } catch { /* a torn line from an interrupted write: skip it */ }
    }
  }
  let queue = Promise.resolve();

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) send(response, 500, { error: String(error?.message ?? error) });
      else response.destroy();
    });
  });

  async function handle(request, response) {
    const url = new URL(request.url, "http://127.0.0.1");
    if (url.pathname === "/api/records") {
      if (request.method === "POST") return postRecord(request, response);
      if (request.method === "GET") return send(response, 200, { records: seen.size });
      return send(response, 405, { error: "method not allowed" }, { Allow: "GET, POST" });
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      return send(response, 405, { error: "read-only" }, { Allow: "GET, HEAD" });
    }
    if (url.pathname === "/") {
      response.writeHead(302, { Location: "/www/index.html" });
      return response.end();
    }
    return serveFile(url.pathname, request, response);
  }

  async function postRecord(request, response) {
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return send(response, 413, { error: "record too large" });
      chunks.push(chunk);
    }
    let record;
    try {
      record = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return send(response, 400, { error: "body is not JSON" });
    }
    if (!record || typeof record.attempt_id !== "string" || !record.attempt_id || record.format !== "certa-record/1") {
      return send(response, 400, { error: "expected a certa-record/1 document with an attempt_id" });
    }
    if (seen.has(record.attempt_id)) {
      return send(response, 200, { status: "duplicate", attempt_id: record.attempt_id });
    }
    seen.set(record.attempt_id, record);
    // Serialize appends so concurrent posts never interleave lines.
    queue = queue.then(async () => {
      await mkdir(dirname(recordsFile), { recursive: true });
      await appendFile(recordsFile, `${JSON.stringify(record)}\n`);
    });
    await queue;
    return send(response, 201, { status: "stored", attempt_id: record.attempt_id });
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
    recordsFile,
    records: () => [...seen.values()],
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
  const running = await startDevServer({ port, recordsFile: option("--records") });
  console.log(`certa demo: ${running.url}/www/index.html`);
  console.log(`records (demo store): ${running.recordsFile}`);
  console.log("press Ctrl+C to stop");
}
