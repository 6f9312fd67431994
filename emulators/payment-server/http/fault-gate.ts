import type { NextFunction, Request, Response } from 'express'
import type { PaymentServer } from '../server.js'

/** Applies the HTTP faults (5xx, never answering) to every route but the fault controls. */
export function faultGate(server: PaymentServer) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path.startsWith('/faults')) return next()
    const status = server.faults.value('http5xx')
    if (status) {
      server.events.emit('fault-applied', { fault: 'http5xx', status, path: req.path })
      res.status(status).json({ error: 'fault', message: `injected HTTP ${status}` })
      return
    }
    if (server.faults.active('httpTimeout')) {
      // hold the request open; the client's own timeout fires, close() drops the socket
      server.events.emit('fault-applied', { fault: 'httpTimeout', path: req.path })
      return
    }
    next()
  }
}
