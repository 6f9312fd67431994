import express, { type NextFunction, type Request, type Response } from 'express'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import type { PaymentServer } from '../server.js'
import { faultGate } from './fault-gate.js'
import { mountRoutes } from './routes.js'

export interface HttpApi {
  port: number
  close(): Promise<void>
}

/**
 * The payment server's HTTP side (JSON): transactions, wallet, SMS outbox, faults, health.
 * Faults are applied by `faultGate` to every route except /faults, so a bench that switched
 * on "HTTP 500" or "timeout" can still switch it off.
 */
export async function startHttpApi(server: PaymentServer, host: string, port: number): Promise<HttpApi> {
  const app = express()
  app.disable('x-powered-by')
  app.use(express.json({ limit: '64kb' }))
  app.use(faultGate(server))
  mountRoutes(app, server)
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: 'not-found', message: `no route ${req.method} ${req.path}` })
  })
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500
    const code = err.type === 'entity.parse.failed' ? 'malformed-json' : status === 500 ? 'internal' : 'bad-request'
    server.events.emit('http-error', { status, code, message: err.message })
    res.status(status).json({ error: code, message: err.message })
  })
  const http: Server = await server.clock.busy(
    new Promise<Server>((resolve, reject) => {
      const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)))
      s.once('error', reject)
    }),
  )
  http.on('error', (err) => server.events.emit('http-error', { status: 0, code: 'listen', message: err.message }))
  let closed = false
  return {
    port: (http.address() as AddressInfo).port,
    async close() {
      if (closed) return
      closed = true
      await new Promise<void>((resolve) => {
        http.close(() => resolve())
        http.closeAllConnections()
      })
    },
  }
}
