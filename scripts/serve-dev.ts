// The app server that `remix dev` starts and restarts alongside its compiler.
import { checkConfiguration } from "./prepare.ts";

const env = await checkConfiguration();
const { startServer } = await import("../server/index.ts");
await startServer({ port: env.PORT, host: env.HOST, trustProxy: env.TRUST_PROXY, appUrl: env.APP_URL, mode: "development" });
