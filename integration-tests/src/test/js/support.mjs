// Helpers shared by the end-to-end tests: the app's REST API, and waiting for a Shape to reach a state.
import assert from 'node:assert/strict'

export const base = process.env.APP_URL
assert.ok(base, 'APP_URL must point at the running app')

/** Calls the todo app's REST API (the changes then reach the shapes through Postgres and replication). */
export async function api(method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  })
  assert.ok(response.ok, `${method} ${path}: ${response.status}`)
  return response.status === 204 ? null : response.json()
}

/** Resolves once the shape's rows satisfy the predicate; fails after 15 s. */
export async function until(shape, predicate, what) {
  if (predicate(shape.currentRows)) return
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), 15000)
    const unsubscribe = shape.subscribe(({ rows }) => {
      if (predicate(rows)) {
        clearTimeout(timer)
        unsubscribe()
        resolve()
      }
    })
  })
}
