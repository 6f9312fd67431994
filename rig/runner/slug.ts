/** A file-name-safe, readable form of a scenario id ("scenarios/smoke/paid-receipt.yaml[amount=1]"). */
export function slug(id: string): string {
  return id
    .replace(/^scenarios\//, '')
    .replace(/\.ya?ml/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
}
