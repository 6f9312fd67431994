import type { DialectImpl, ModemContext } from './context.js'
import { sim800Dialect } from './sim800/dialect.js'

/** The dialect the options ask for. */
export function createDialect(ctx: ModemContext): DialectImpl {
  switch (ctx.opts.dialect) {
    case 'sim800':
    default:
      return sim800Dialect(ctx)
  }
}
