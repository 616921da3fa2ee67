// The app server that `remix dev` starts and restarts alongside its compiler.
import { checkConfiguration } from "./prepare.ts";

const env = await checkConfiguration();
const { startServer } = await import("../server/index.ts");
await startServer({ port: env.PORT, mode: "development" });
