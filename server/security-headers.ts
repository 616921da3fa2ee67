// Security headers on every response (helmet), with a fresh CSP nonce per request for Remix's inline scripts.
import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import helmet from "helmet";

export type CspLocals = { cspNonce: string };

export function securityHeaders({ development }: { development: boolean }) {
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response<unknown, CspLocals>).locals.cspNonce}'`;
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", nonce],
        "script-src-attr": ["'none'"],
        // Inline style attributes and <style> in the emails shown in preview frames (srcdoc inherits this policy)
        // and Recharts' SVG. Styles can't run code; scripts stay nonce-only.
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        // The development server's live reload socket.
        "connect-src": development ? ["'self'", "ws://localhost:*", "ws://127.0.0.1:*"] : ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
      },
    },
    // Replaced by the coaching and unsubscribe pages with stricter policies of their own (their URLs hold tokens).
    referrerPolicy: { policy: "same-origin" },
    // Only over HTTPS: set below, where req.secure (which honours TRUST_PROXY) is known.
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
  const hsts = helmet.strictTransportSecurity({ maxAge: 365 * 24 * 60 * 60, includeSubDomains: false });
  return (req: Request, res: Response<unknown, CspLocals>, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    headers(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (req.secure) return hsts(req, res, next);
      next();
    });
  };
}
