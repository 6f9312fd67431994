import { consolePress, expectDisplay } from './console.js'
import { controlKinds, controlStep } from './control.js'
import { expectReceipt } from './expect-receipt.js'
import { expectServer } from './expect-server.js'
import { expectNoReceipt } from './expect-no-receipt.js'
import { registerPrint } from './register-print.js'
import type { StepDefinition } from './types.js'
import { wait } from './wait.js'
import { walletDecline, walletPay, walletScan } from './wallet.js'

const BUILT_IN: StepDefinition<never>[] = [
  registerPrint,
  expectReceipt,
  expectServer,
  expectNoReceipt,
  expectDisplay,
  consolePress,
  walletPay,
  walletScan,
  walletDecline,
  wait,
] as StepDefinition<never>[]

/** Every step kind a scenario may use, by its key. */
export const STEPS: ReadonlyMap<string, StepDefinition> = new Map<string, StepDefinition>([
  ...BUILT_IN.map((s) => [s.kind, s as StepDefinition] as const),
  ...controlKinds().map((k) => [k, controlStep(k)] as const),
])
