// Live mode with the real client: the app inserts, updates and deletes rows while a ShapeStream is subscribed.
// ElectricClientTest runs this file; it also makes the changes, through the app's own REST API.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShapeStream, Shape } from '@electric-sql/client'
import { api, base, until } from './support.mjs'

const endpoints = [
  { name: 'resource', url: `${base}/todos/shape`, params: undefined },
  { name: '/v1/shape', url: `${base}/v1/shape`, params: { table: 'todos' } },
]
for (const endpoint of endpoints)
for (const liveSse of [false, true]) {
test(`live inserts, updates and deletes reach a subscribed Shape (${endpoint.name}, ${liveSse ? 'SSE' : 'long-poll'})`, async () => {
  const controller = new AbortController()
  const requests = []
  const fetchClient = (url, init) => {
    requests.push(String(url))
    return fetch(url, init)
  }
  const stream = new ShapeStream({ url: endpoint.url, params: endpoint.params, liveSse, signal: controller.signal,
    fetchClient })
  const shape = new Shape(stream)
  const initial = await shape.rows
  assert.equal(initial.length, 2)

  const created = await api('POST', '/todos', { title: 'made while live', completed: false })
  const id = BigInt(created.id)
  await until(shape, (rows) => rows.some((r) => r.id === id), 'the insert')

  await api('PUT', `/todos/${created.id}`, { title: 'edited while live', completed: true })
  await until(shape, (rows) => rows.some((r) => r.id === id && r.completed === true && r.title === 'edited while live'),
    'the update')

  await api('DELETE', `/todos/${created.id}`)
  await until(shape, (rows) => !rows.some((r) => r.id === id), 'the delete')
  assert.equal(shape.currentRows.length, 2)
  const live = requests.filter((url) => url.includes('live=true'))
  assert.ok(live.length > 0)
  // In SSE mode every live request is an SSE one: the client never fell back to long polling.
  assert.ok(live.every((url) => url.includes('live_sse=true') === liveSse), live.join('\n'))
  controller.abort()
})
}
