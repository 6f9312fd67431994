import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { JournalError, PaymentServerConfigError } from './errors.js'
import type { SmsMessage } from './sms-outbox.js'
import type { Transaction } from './types.js'

/** One line of the journal: the full new state of one record. */
export type JournalRecord = { kind: 'txn'; txn: Transaction } | { kind: 'sms'; sms: SmsMessage }

export interface JournalState {
  txns: Map<string, Transaction>
  sms: Map<number, SmsMessage>
}

/**
 * Append-only JSON-lines journal of every ledger and outbox change, written synchronously
 * before the change is acted on, so a restart (or a crash) recovers every transaction and
 * every notification still owed. Replaying keeps the last record of each key.
 */
export class Journal {
  constructor(readonly path: string) {}

  /** A journal at `path`, checked writable now rather than at the first payment. */
  static open(path: string): Journal {
    try {
      appendFileSync(path, '')
    } catch (err) {
      throw new PaymentServerConfigError(`journal ${path} is not writable: ${(err as Error).message}`)
    }
    return new Journal(path)
  }

  append(record: JournalRecord): void {
    appendFileSync(this.path, JSON.stringify(record) + '\n')
  }

  /** Rewrites the journal as one record per key (atomically: temp file, then rename). */
  compact(state: JournalState): void {
    const lines: string[] = []
    for (const txn of state.txns.values()) lines.push(JSON.stringify({ kind: 'txn', txn } satisfies JournalRecord))
    for (const sms of state.sms.values()) lines.push(JSON.stringify({ kind: 'sms', sms } satisfies JournalRecord))
    const tmp = `${this.path}.tmp`
    writeFileSync(tmp, lines.length ? lines.join('\n') + '\n' : '')
    renameSync(tmp, this.path)
  }

  read(): JournalState {
    const state: JournalState = { txns: new Map(), sms: new Map() }
    if (!existsSync(this.path)) return state
    const lines = readFileSync(this.path, 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (line.trim() === '') return
      let rec: JournalRecord
      try {
        rec = JSON.parse(line) as JournalRecord
      } catch {
        // a torn last line (crash mid-write) is expected; anything earlier is corruption
        if (i >= lines.length - 2) return
        throw new JournalError(`${this.path}:${i + 1}: not JSON`)
      }
      if (rec.kind === 'txn' && typeof rec.txn?.reference === 'string') state.txns.set(rec.txn.reference, rec.txn)
      else if (rec.kind === 'sms' && typeof rec.sms?.id === 'number') state.sms.set(rec.sms.id, rec.sms)
      else throw new JournalError(`${this.path}:${i + 1}: unknown record`)
    })
    return state
  }
}
