import { parseArgs } from 'node:util'
import { UsageError, type Command } from '../command.js'
import { RealClock } from '../../clock/real-clock.js'
import { PaymentServer, type PaymentServerOptions } from '../../../emulators/payment-server/index.js'

const usage = `Usage: rig emulate server --terminal ID:KEY[:PHONE] [--terminal …] [options]

Runs the payment server emulator: the device gateway (TCP, profile jsonl or iso8583), the
consumer wallet and SMS outbox behind a JSON HTTP API, with fault controls. Stops on Ctrl-C.

Options:
  --terminal ID:KEY[:PHONE]  a terminal the gateway accepts, its HMAC key and the merchant's
                             phone for payment SMS (repeat for more terminals; at least one)
  --http HOST:PORT           HTTP API address (default 127.0.0.1:8080)
  --no-http                  no HTTP API
  --gateway HOST:PORT        device gateway address (default 127.0.0.1:7000)
  --profile P                jsonl (default) or iso8583
  --journal FILE             keep the ledger and SMS outbox in FILE; a restart recovers them
  --expiry MS                unpaid transactions expire after MS (default 900000)
  --seed N                   seed of the server's nonces (default 1)
  --log                      print every server event as one JSON line on stdout

HTTP API: GET /health, GET /transactions[?state=&terminal=], GET /transactions/:reference,
POST /wallet/scan|pay|decline {"payload": "..."[, "amount": "12.30"]}, GET /sms,
GET|POST|DELETE /faults, POST /faults/unknown-notification {"terminalId"}, POST /faults/restart.

Exit status: 0 after a clean stop, 1 when the server cannot start, 2 bad usage.`

function address(name: string, value: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value)
  const port = m ? Number(m[2]) : NaN
  if (!m || port > 65535) throw new UsageError(`--${name} must be HOST:PORT (e.g. 127.0.0.1:7000), got "${value}"`)
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/** Parses the command line into server options (exported for tests). */
export function optionsFromArgs(argv: string[], clock = new RealClock()): { options: PaymentServerOptions; log: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      terminal: { type: 'string', multiple: true },
      http: { type: 'string', default: '127.0.0.1:8080' },
      'no-http': { type: 'boolean', default: false },
      gateway: { type: 'string', default: '127.0.0.1:7000' },
      profile: { type: 'string', default: 'jsonl' },
      journal: { type: 'string' },
      expiry: { type: 'string' },
      seed: { type: 'string', default: '1' },
      log: { type: 'boolean', default: false },
    },
  })
  if (!values.terminal?.length) throw new UsageError('at least one --terminal ID:KEY is required')
  const terminals: PaymentServerOptions['terminals'] = {}
  for (const spec of values.terminal) {
    const [id, key, phone, ...extra] = spec.split(':')
    if (!id || !key || extra.length > 0) throw new UsageError(`--terminal must be ID:KEY or ID:KEY:PHONE, got "${spec}"`)
    terminals[id] = { key, ...(phone ? { merchantPhone: phone } : {}) }
  }
  if (values.profile !== 'jsonl' && values.profile !== 'iso8583') throw new UsageError(`--profile must be jsonl or iso8583, got "${values.profile}"`)
  const seed = Number(values.seed)
  if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`)
  const expiryMs = values.expiry === undefined ? undefined : Number(values.expiry)
  if (expiryMs !== undefined && !(Number.isInteger(expiryMs) && expiryMs > 0)) throw new UsageError(`--expiry must be a positive number of ms, got "${values.expiry}"`)
  const options: PaymentServerOptions = {
    clock,
    terminals,
    http: values['no-http'] ? false : address('http', values.http),
    gateway: address('gateway', values.gateway),
    profile: values.profile,
    seed,
    ...(values.journal ? { journal: values.journal } : {}),
    ...(expiryMs ? { expiryMs } : {}),
  }
  return { options, log: values.log }
}

const command: Command = {
  summary: 'run the payment server emulator (device gateway, wallet, SMS outbox, HTTP API, faults)',
  usage,
  async run(argv) {
    const clock = new RealClock()
    const { options, log } = optionsFromArgs(argv, clock)
    for (const a of [options.gateway, options.http]) {
      if (a && a.host && !LOOPBACK.has(a.host)) console.error(`rig emulate server: warning: listening on ${a.host}, reachable beyond this machine`)
    }
    const server = new PaymentServer(options)
    if (log) server.events.on((e) => console.log(JSON.stringify(e)))
    let ports: { httpPort?: number; gatewayPort: number }
    try {
      ports = await server.start()
    } catch (err) {
      console.error(`rig emulate server: cannot start: ${(err as Error).message}`)
      await server.close()
      return 1
    }
    const gw = options.gateway!
    console.error(`payment server: gateway ${gw.host}:${ports.gatewayPort} (${options.profile})` + (ports.httpPort !== undefined && options.http ? `, HTTP http://${options.http.host}:${ports.httpPort}` : ''))
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve)
      process.once('SIGTERM', resolve)
    })
    await server.close()
    clock.clearAll()
    return 0
  },
}

export default command
