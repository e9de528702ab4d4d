import { defineConfig } from 'drizzle-kit';

// Generation only: migrations are applied by `pnpm migrate` (src/scripts/migrate.ts), never with `push`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
  strict: true,
  verbose: true,
});
