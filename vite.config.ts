import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served from its own origin only; nothing is fetched from elsewhere.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
});
