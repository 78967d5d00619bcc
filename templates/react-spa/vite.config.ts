import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// Only variables prefixed VITE_ are ever put into the browser bundle, and only where the code reads them.
// The app secret and tokens never use that prefix: they stay on the backend (server/).
const SECRET_LOOKING = /SECRET|TOKEN|PASSWORD|PRIVATE|CREDENTIAL/i;

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  for (const name of Object.keys(env)) {
    if (SECRET_LOOKING.test(name)) {
      console.warn(`⚠ ${name} looks like a secret: never prefix secrets with VITE_ (they would be public).`);
    }
  }
  const backend = `http://127.0.0.1:${process.env.PORT || 3001}`;
  return {
    plugins: [react()],
    server: {
      port: 5173,
      strictPort: true,
      // Same origin for the browser: /api and /auth go to the backend-for-frontend.
      proxy: { '^/api/': { target: backend }, '^/auth/': { target: backend } },
    },
    build: { outDir: 'dist', sourcemap: false },
  };
});
