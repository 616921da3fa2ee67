// The response's CSP nonce, for Remix's inline scripts. Set on the server only; browsers hide nonces from the page,
// so on the client it is empty, which is fine: hydration doesn't re-run those scripts.
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce() {
  return useContext(NonceContext);
}
