// scan-peer-js: the scan-bench workload written with the AWS SDK for JavaScript v3: AssumeRole
// once per account, then every region's GetConnections pages, NDJSON out, with `concurrency`
// async workers over the targets.
//
// Usage: node scan_peer_js.mjs CONFIG.json (see bench/scan-bench, peer_config). Base
// credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Exit 0: every target
// complete; 2: some failed.
import { GlueClient, paginateGetConnections } from "@aws-sdk/client-glue";
import { STSClient, AssumeRoleCommand } from "@aws-sdk/client-sts";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { readFileSync, createWriteStream } from "node:fs";
import https from "node:https";

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8"));
// One keep-alive agent for every client, trusting glue-sim's CA, with as many sockets as
// requests in flight.
const agent = new https.Agent({
  keepAlive: true,
  maxSockets: cfg.concurrency,
  ca: readFileSync(cfg.ca_bundle),
});
const requestHandler = new NodeHttpHandler({ httpsAgent: agent });
const common = {
  endpoint: cfg.endpoint_url,
  requestHandler,
  retryMode: cfg.retry_mode,
  maxAttempts: cfg.max_attempts,
};
const sts = new STSClient({ ...common, region: "us-east-1" });

const credentials = new Map(); // account -> Promise of credentials (single-flight)
function assume(account) {
  if (!credentials.has(account)) {
    const arn = `arn:aws:iam::${account}:role/${cfg.role_name}`;
    credentials.set(
      account,
      sts
        .send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: "scan-bench" }))
        .then((r) => ({
          accessKeyId: r.Credentials.AccessKeyId,
          secretAccessKey: r.Credentials.SecretAccessKey,
          sessionToken: r.Credentials.SessionToken,
          expiration: r.Credentials.Expiration,
        })),
    );
  }
  return credentials.get(account);
}

const out = createWriteStream(cfg.output);
async function write(text) {
  if (!out.write(text)) {
    await new Promise((resolve) => out.once("drain", resolve));
  }
}

async function scan(account, region) {
  const c = await assume(account);
  const glue = new GlueClient({ ...common, region, credentials: c });
  const input = { HidePassword: true };
  const paginatorConfig = { client: glue };
  if (cfg.max_results) {
    paginatorConfig.pageSize = cfg.max_results;
  }
  for await (const page of paginateGetConnections(paginatorConfig, input)) {
    let lines = "";
    for (const conn of page.ConnectionList ?? []) {
      lines += JSON.stringify({ AccountId: account, Region: region, CatalogId: account, ...conn }) + "\n";
    }
    if (lines) {
      await write(lines);
    }
  }
}

const targets = [];
for (const a of cfg.accounts) {
  for (const r of cfg.regions) {
    targets.push([a, r]);
  }
}
let next = 0;
let failed = 0;
async function worker() {
  while (next < targets.length) {
    const [a, r] = targets[next++];
    try {
      await scan(a, r);
    } catch (e) {
      failed++;
      console.error(`${a} ${r}: ${e.name}: ${e.message}`);
    }
  }
}
await Promise.all(Array.from({ length: cfg.concurrency }, worker));
await new Promise((resolve) => out.end(resolve));
agent.destroy();
process.exit(failed ? 2 : 0);
