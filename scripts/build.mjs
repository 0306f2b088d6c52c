// `npm run build`: bundles the server and the command-line tools into dist/ with esbuild
// (`node scripts/build.mjs <folder>` builds elsewhere; Node resolves the externals from the
// nearest node_modules above that folder, so it must lie inside the repository).
// One bundle instead of ~2,000 module files halves the start-up time (loading typebox alone is
// ~700 files), and the build takes about a second. Type checking is `npm run typecheck`.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Left to Node's resolver: native addons and packages that read files next to their own code.
const EXTERNAL = [
  'sharp', // libvips, native
  '@node-rs/argon2', // native
  '@electric-sql/pglite', // loads its WebAssembly and data files from its own folder
  '@fastify/swagger', // reads its own package.json
  '@fastify/swagger-ui', // serves the UI's static files from its own folder
  'ioredis', // builds error stacks with __dirname
  'pdf-lib', // its CommonJS build loses its exports when bundled behind a dynamic import
  'pg-native', // pg's optional native driver, not installed
];

const outdir = process.argv[2] ?? 'dist';
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: {
    server: 'src/server.ts',
    'cli/user-create': 'src/cli/user-create.ts',
    'cli/apikey-create': 'src/cli/apikey-create.ts',
    'cli/rewrap-keys': 'src/cli/rewrap-keys.ts',
    'cli/migrate': 'src/db/migrate.ts',
    // Started as a worker thread by src/modules/documents/pdf-sandbox.ts, which looks for it beside itself in dist/.
    'pdf-worker': 'src/modules/documents/pdf-worker.ts',
  },
  outdir,
  bundle: true,
  splitting: true, // code the entry points share, and lazily imported modules, go to chunks
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  external: EXTERNAL,
  // Bundled CommonJS modules call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
// The SQL migrations are read at start from `migrations/` beside the bundle (see MIGRATIONS_FOLDER).
cpSync('src/db/migrations', path.join(outdir, 'migrations'), { recursive: true });
