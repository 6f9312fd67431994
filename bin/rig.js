#!/usr/bin/env node
// Entry point of the `rig` command: loads the TypeScript sources through tsx (no build step).
import { fileURLToPath } from 'node:url'

// tsconfig.json maps some packages to their type files for the type checker only.
process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../tsconfig.runtime.json', import.meta.url))
const { register } = await import('tsx/esm/api')
register()
const { main } = await import('../rig/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
