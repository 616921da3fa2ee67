/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch changes what loaders and actions return to the browser; this turns on its types.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
