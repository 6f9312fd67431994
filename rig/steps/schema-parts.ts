import { DURATION_PATTERN } from '../scenario/duration.js'

/** A duration: "10s", "500ms", "2m" or a number of ms. */
export const durationSchema = {
  anyOf: [{ type: 'string', pattern: DURATION_PATTERN }, { type: 'number', minimum: 0 }],
}

export const stringList = { type: 'array', items: { type: ['string', 'number'] } }
