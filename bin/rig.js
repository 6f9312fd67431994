#!/usr/bin/env node
// Entry point of the `rig` command: loads the TypeScript sources through tsx (no build step).
const { register } = await import('tsx/esm/api')
register()
const { main } = await import('../rig/cli/main.ts')
process.exitCode = await main(process.argv.slice(2))
