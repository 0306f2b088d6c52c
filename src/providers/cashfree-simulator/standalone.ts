import { parseArgs } from 'node:util';
import { SIMULATOR_DOCS, startSimulator } from './index.js';

// `npm run simulator -- --port 9090 [--host 127.0.0.1] [--client-id …] [--client-secret …]`
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9090' },
    host: { type: 'string', default: '127.0.0.1' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`invalid --port ${values.port}`);
  process.exit(2);
}

const simulator = await startSimulator({
  port,
  host: values.host,
  ...(values['client-id'] ? { clientId: values['client-id'] } : {}),
  ...(values['client-secret'] ? { clientSecret: values['client-secret'] } : {}),
});
console.log(`Cashfree simulator listening on ${simulator.url} (client id ${simulator.clientId})`);
console.log(
  `Personas and their selfies: ${simulator.url}/simulator/personas; what it answers: ${SIMULATOR_DOCS}`,
);

const stop = async () => {
  await simulator.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
