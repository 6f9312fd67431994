import type { Express, Request, Response } from 'express'
import { FAULT_NAMES } from '../faults.js'
import { publicView } from '../ledger.js'
import type { PaymentServer } from '../server.js'
import type { TxnState, WalletFailure } from '../types.js'

const STATES: readonly TxnState[] = ['registered', 'scanned', 'paid', 'notified', 'acknowledged', 'expired', 'declined']

/** HTTP status of a wallet refusal: 404 unknown, 409 state conflicts, 422 bad payloads. */
function failureStatus(f: WalletFailure): number {
  if (f.reason === 'unknown-reference') return 404
  if (f.reason === 'already-paid' || f.reason === 'declined' || f.reason === 'expired') return 409
  return 422
}

function walletFailure(res: Response, f: WalletFailure): void {
  res.status(failureStatus(f)).json({
    ok: false,
    reason: f.reason,
    message: f.message,
    check: f.check && { kind: f.check.kind, valid: f.check.valid, errors: f.check.errors, warnings: f.check.warnings },
    transaction: f.transaction && publicView(f.transaction),
  })
}

function payloadOf(req: Request, res: Response): string | undefined {
  const payload = (req.body as { payload?: unknown } | undefined)?.payload
  if (typeof payload === 'string' && payload.length > 0) return payload
  res.status(400).json({ error: 'bad-request', message: 'body must be JSON {"payload": "<QR text>"}' })
  return undefined
}

export function mountRoutes(app: Express, server: PaymentServer): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', profile: server.options.profile ?? 'jsonl', ...server.addresses, transactions: server.ledger.size, time: new Date(Math.floor(server.clock.now())).toISOString() })
  })

  app.get('/transactions', (req, res) => {
    const { state, terminal } = req.query
    if (state !== undefined && !STATES.includes(state as TxnState)) {
      res.status(400).json({ error: 'bad-request', message: `state must be one of ${STATES.join(', ')}` })
      return
    }
    const list = server.ledger.all().filter((t) => (state === undefined || t.state === state) && (terminal === undefined || t.terminalId === terminal))
    res.json({ transactions: list.map(publicView) })
  })

  app.get('/transactions/:reference', (req, res) => {
    const txn = server.ledger.get(req.params.reference)
    if (!txn) res.status(404).json({ error: 'not-found', message: `no transaction with reference ${req.params.reference}` })
    else res.json({ transaction: { ...publicView(txn), history: txn.history } })
  })

  app.post('/wallet/scan', (req, res) => {
    const payload = payloadOf(req, res)
    if (payload === undefined) return
    const r = server.wallet.scan(payload)
    if (!r.ok) return walletFailure(res, r)
    res.json({ ok: true, request: r.check.request, warnings: r.check.warnings, transaction: publicView(r.transaction) })
  })

  app.post('/wallet/pay', async (req, res) => {
    const payload = payloadOf(req, res)
    if (payload === undefined) return
    const amount = (req.body as { amount?: unknown }).amount
    if (amount !== undefined && typeof amount !== 'string') {
      res.status(400).json({ error: 'bad-request', message: 'amount must be a string such as "12.30"' })
      return
    }
    const r = await server.wallet.pay(payload, { amount })
    if (!r.ok) return walletFailure(res, r)
    res.json({ ok: true, transaction: publicView(r.transaction) })
  })

  app.post('/wallet/decline', (req, res) => {
    const payload = payloadOf(req, res)
    if (payload === undefined) return
    const r = server.wallet.decline(payload)
    if (!r.ok) return walletFailure(res, r)
    res.json({ ok: true, transaction: publicView(r.transaction) })
  })

  app.get('/sms', (_req, res) => {
    res.json({ messages: server.sms.messages })
  })

  app.get('/faults', (_req, res) => {
    res.json({ faults: server.faults.settings, known: FAULT_NAMES })
  })

  app.post('/faults', (req, res) => {
    try {
      res.json({ faults: server.faults.set((req.body ?? {}) as Record<string, unknown>) })
    } catch (err) {
      res.status(400).json({ error: 'bad-fault', message: (err as Error).message })
    }
  })

  app.delete('/faults', (_req, res) => {
    server.faults.clear()
    res.json({ faults: server.faults.settings })
  })

  app.post('/faults/restart', (_req, res) => {
    // answer first: the restart closes this very HTTP server
    res.on('finish', () => void server.restart().catch((err: Error) => server.events.emit('restart-failed', { message: err.message })))
    res.set('Connection', 'close').status(202).json({ restarting: true })
  })

  app.post('/faults/unknown-notification', (req, res) => {
    const { terminalId, reference } = (req.body ?? {}) as { terminalId?: unknown; reference?: unknown }
    if (typeof terminalId !== 'string') {
      res.status(400).json({ error: 'bad-request', message: 'body must be {"terminalId": "...", "reference"?: "..."}' })
      return
    }
    const sent = server.injectUnknownNotification(terminalId, typeof reference === 'string' ? reference : undefined)
    res.status(sent ? 200 : 409).json({ sent, message: sent ? 'sent' : `terminal ${terminalId} is not connected` })
  })
}
