/** JSON Schema of a receipt definition file (scenarios/receipts/*.yaml); the same schema serves editors. */
const money = { type: ['string', 'number'] }
const lines = { type: 'array', items: { type: 'string' } }

export const RECEIPT_SCHEMA = {
  $id: 'qr-receipt-rig/receipt-definition',
  type: 'object',
  additionalProperties: false,
  required: ['items'],
  properties: {
    name: { type: 'string' },
    description: { type: 'string' },
    language: { enum: ['en', 'zh-CN', 'zh-TW'] },
    encoding: { enum: ['cp437', 'cp850', 'cp1252', 'gb18030', 'big5'] },
    chineseMode: { type: 'boolean' },
    codePageCommand: { type: 'boolean' },
    columns: { enum: [32, 42, 48] },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    decimals: { type: 'integer', minimum: 0, maximum: 3 },
    kind: { enum: ['sale', 'refund', 'void'] },
    header: lines,
    meta: lines,
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'price'],
        properties: { name: { type: 'string' }, qty: { type: 'number' }, price: money, amount: money, void: { type: 'boolean' } },
      },
    },
    itemStyle: { enum: ['single', 'two-line'] },
    discounts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label'],
        properties: { label: { type: 'string' }, amount: money, percent: { type: 'number' } },
      },
    },
    tax: {
      type: 'object',
      additionalProperties: false,
      properties: { label: { type: 'string' }, rate: { type: 'number' }, amount: money, included: { type: 'boolean' } },
    },
    subtotal: { type: 'boolean' },
    total: money,
    totalLine: {
      oneOf: [
        { const: false },
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            label: { type: 'string' },
            symbol: { type: 'string' },
            suffix: { type: 'string' },
            thousands: { type: 'boolean' },
            layout: { enum: ['right', 'inline'] },
            separator: { type: 'string' },
            bold: { type: 'boolean' },
            size: { enum: [1, 2] },
          },
        },
      ],
    },
    payment: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label', 'amount'],
        properties: { label: { type: 'string' }, amount: money },
      },
    },
    change: { type: ['string', 'number', 'boolean'] },
    footer: lines,
    feed: { type: 'integer', minimum: 0, maximum: 255 },
    cut: { enum: ['partial', 'full', 'none'] },
    expect: {
      type: 'object',
      additionalProperties: false,
      required: ['total'],
      properties: {
        total: { type: ['string', 'null'] },
        totalLine: { type: 'string' },
        contains: lines,
      },
    },
  },
} as const
