import { parseArgs } from 'node:util';
import { SIMULATOR_DOCS, startSimulator } from './index.js';

// `npm run simulator -- --port 9090 [--host 127.0.0.1] [--client-id …] [--client-secret …]
//   [--environment sandbox|production] [--rate-limit-per-minute 100] [--webhook-url http://…/v1/webhooks/cashfree]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9090' },
    host: { type: 'string', default: '127.0.0.1' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    environment: { type: 'string', default: 'sandbox' },
    'rate-limit-per-minute': { type: 'string', default: '100' },
    'webhook-url': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

const environment = values.environment;
if (environment !== 'sandbox' && environment !== 'production') {
  console.error(`invalid --environment ${environment} (sandbox or production)`);
  process.exit(2);
}
const rateLimitPerMinute = Number(values['rate-limit-per-minute']);
if (!Number.isInteger(rateLimitPerMinute) || rateLimitPerMinute < 0) {
  console.error(`invalid --rate-limit-per-minute ${values['rate-limit-per-minute']} (0 for none)`);
  process.exit(2);
}

const webhookUrl = values['webhook-url'];
if (webhookUrl !== undefined && !/^https?:\/\/[^/]+/.test(webhookUrl)) {
  console.error(`invalid --webhook-url ${webhookUrl} (an http(s) URL)`);
  process.exit(2);
}

const simulator = await startSimulator({
  environment,
  rateLimitPerMinute,
  port,
  host: values.host,
  ...(webhookUrl ? { webhookUrl } : {}),
  ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
  ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
});
console.log(`Cashfree simulator listening on ${simulator.url} (client id ${simulator.clientId})`);
if (webhookUrl) console.log(`Webhooks (e-sign) go to ${webhookUrl}, signed with the client secret`);
console.log(
  `Personas and their selfies: ${simulator.url}/simulator/personas; what it answers: ${SIMULATOR_DOCS}`,
);

const stop = async () => {
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
