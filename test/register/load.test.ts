import t from 'tap'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadReceiptFile, parseReceiptDefinition } from '../../emulators/register/load.js'
import { ReceiptDefinitionError } from '../../emulators/register/index.js'

const dir = mkdtempSync(join(tmpdir(), 'register-load-'))

t.test('YAML and JSON definitions load; raw files load as bytes, unchanged', async (t) => {
  writeFileSync(join(dir, 'a.yaml'), 'items:\n  - { name: Tea, price: 2 }\n')
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ items: [{ name: 'Tea', price: '2.00' }], columns: 32 }))
  const raw = Buffer.from([0x1b, 0x40, 0x00, 0xff, 0x10, 0x04, 0x01, 0x0a])
  writeFileSync(join(dir, 'c.bin'), raw)
  const a = await loadReceiptFile(join(dir, 'a.yaml'))
  t.same(a, { kind: 'definition', definition: { items: [{ name: 'Tea', price: 2 }] } })
  const b = await loadReceiptFile(join(dir, 'b.json'))
  t.equal(b.kind === 'definition' && b.definition.columns, 32)
  const c = await loadReceiptFile(join(dir, 'c.bin'))
  t.same(c, { kind: 'raw', bytes: raw })
})

t.test('schema errors name the file, line and column', async (t) => {
  const text = 'columns: 42\nitems:\n  - name: Tea\n    price: 2\n  - name: Cake\n    prise: 3\n'
  const err = t.throws(() => parseReceiptDefinition(text, 'cake.yaml')) as unknown as Error
  t.type(err, ReceiptDefinitionError)
  t.match(err.message, /^cake\.yaml:5:5: \/items\/1 must have required property 'price'/m)
  t.match(err.message, /\/items\/1 must NOT have additional properties/)
  t.throws(() => parseReceiptDefinition('columns: 40\nitems: []\n', 'w.yaml'), /w\.yaml:1:10: \/columns must be equal to one of the allowed values/)
  t.throws(() => parseReceiptDefinition('items: [\n', 'broken.yaml'), /^broken\.yaml:\d+:\d+: /)
  t.throws(() => parseReceiptDefinition('- just\n- a list\n', 'l.yaml'), /l\.yaml: \(top\) must be object/)
})

t.test('unknown extensions and missing files are clear errors', async (t) => {
  writeFileSync(join(dir, 'x.txt'), 'hello')
  await t.rejects(loadReceiptFile(join(dir, 'x.txt')), /unknown receipt file type "\.txt"/)
  await t.rejects(loadReceiptFile(join(dir, 'nope.yaml')), { code: 'ENOENT' })
})
