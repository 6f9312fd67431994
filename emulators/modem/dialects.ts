import type { DialectImpl, ModemContext } from './context.js'
import { quectelDialect } from './quectel/dialect.js'
import { sim800Dialect } from './sim800/dialect.js'
import type { SmsFaults } from './sms/commands.js'

/** The dialect the options ask for. */
export function createDialect(ctx: ModemContext, sms: SmsFaults): DialectImpl {
  return ctx.opts.dialect === 'quectel' ? quectelDialect(ctx, sms) : sim800Dialect(ctx, sms)
}
