// A bare HTTP client for specs that send what browsers won't: any method, header, body or content type.
import http from "node:http";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

export type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  /** Sent as is; an array is sent in chunks (Transfer-Encoding: chunked when no Content-Length is given). */
  body?: string | Buffer | Buffer[];
  /** Send the headers only and keep the body open, as a client about to upload a declared Content-Length. */
  headersOnly?: boolean;
};

export function send(baseURL: string, { method = "GET", path, headers = {}, body, headersOnly = false }: RawRequest) {
  const url = new URL(path, baseURL);
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      { method, hostname: url.hostname, port: url.port, path: url.pathname + url.search, headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
          req.destroy(); // stop sending a body the server has refused
        });
        res.on("error", reject);
      },
    );
    // The server may answer (413) and close while we are still sending: the answer is what counts.
    let answered = false;
    req.on("response", () => (answered = true));
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (headersOnly) {
      req.flushHeaders();
    } else if (Array.isArray(body)) {
      const chunks = [...body];
      const next = () => {
        const chunk = chunks.shift();
        if (answered || req.destroyed) return;
        if (chunk === undefined) return req.end();
        req.write(chunk, next);
      };
      next();
    } else {
      req.end(body);
    }
  });
}

export const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const FORM = "application/x-www-form-urlencoded";
