// Bundles the extension, the language server and the CLI with esbuild (dist/), for the VSIX and fast start-up.
import { build } from 'esbuild';
import { makeCodeCaches } from './code-cache.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: true,
  logLevel: 'warning',
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow: bundle its ES module build.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  // The server and the CLI keep the 1.3 MB shell parser in its own file beside them (required lazily, for RUN
  // only), so that start-up and Compose files never pay for parsing it.
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js', plugins: [besideBundle('mvdan-sh')] }),
  build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    plugins: [besideBundle('mvdan-sh'), besideBundle('dockerfile-ast')],
  }),
  build({ ...common, entryPoints: ['mvdan-sh'], outfile: 'dist/mvdan-sh.js', sourcemap: false }),
  build({ ...common, entryPoints: ['dockerfile-ast'], outfile: 'dist/dockerfile-ast.js', sourcemap: false }),
]);

// V8 code caches for the CLI's bundles (bin/dockwarden.js loads them; docs/decisions/performance.md).
makeCodeCaches();

/** Resolves `pkg` to `./<pkg>.js` next to the output file instead of bundling it. */
function besideBundle(pkg) {
  return {
    name: `beside-${pkg}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${pkg}$`) }, () => ({ path: `./${pkg}.js`, external: true }));
    },
  };
}
