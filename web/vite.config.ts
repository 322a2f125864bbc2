/**
 * Vite build of the web app (public portal + officials' workspace in one SPA).
 * Run from the repository root: `npm run dev:web` / `npm run build:web`.
 * In development, /api is proxied to the Fastify server (PORT, default 3000).
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

const webRoot = fileURLToPath(new URL('.', import.meta.url))
const apiTarget = process.env.CCHC_API_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
})
