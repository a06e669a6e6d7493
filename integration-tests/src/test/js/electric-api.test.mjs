// The Electric-compatible endpoint with the real client: client-defined shapes (where, columns, replica),
// moves in and out of a where, a DELETE of the shape while streaming (409 and a fresh sync), and resuming a
// new stream from a saved handle and offset. ElectricClientTest runs this file; todos are written over SQL-free
// REST calls to the app.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShapeStream, Shape } from '@electric-sql/client'
import { api, base, until } from './support.mjs'

const url = `${base}/v1/shape`



test('a where-clause shape follows rows moving in and out of it', async () => {
  const controller = new AbortController()
  const stream = new ShapeStream({
    url,
    params: { table: 'todos', where: 'completed = $1', params: { 1: 'false' }, columns: ['id', 'title', 'completed'] },
    signal: controller.signal,
  })
  const shape = new Shape(stream)
  const initial = await shape.rows
  assert.ok(initial.every((r) => r.completed === false))
  assert.deepEqual(Object.keys(initial[0]).sort(), ['completed', 'id', 'title'])

  const created = await api('POST', '/todos', { title: 'moves', completed: false })
  const id = BigInt(created.id)
  await until(shape, (rows) => rows.some((r) => r.id === id), 'the insert')
  await api('PUT', `/todos/${created.id}`, { title: 'moves', completed: true })
  await until(shape, (rows) => !rows.some((r) => r.id === id), 'the move out')
  await api('PUT', `/todos/${created.id}`, { title: 'moves back', completed: false })
  await until(shape, (rows) => rows.some((r) => r.id === id && r.title === 'moves back'), 'the move in')
  controller.abort()
})

test('replica full updates carry the whole row', async () => {
  const controller = new AbortController()
  const messages = []
  const stream = new ShapeStream({ url, params: { table: 'todos', replica: 'full' }, signal: controller.signal })
  stream.subscribe((batch) => messages.push(...batch))
  const shape = new Shape(stream)
  await shape.rows
  const created = await api('POST', '/todos', { title: 'full', completed: false })
  await api('PUT', `/todos/${created.id}`, { title: 'full', completed: true })
  await until(shape, (rows) => rows.some((r) => r.id === BigInt(created.id) && r.completed === true), 'the update')
  const update = messages.find((m) => m.headers?.operation === 'update' && m.value.id === BigInt(created.id))
  assert.equal(update.value.title, 'full', 'the unchanged title travels too')
  assert.deepEqual(update.old_value, { completed: false })
  controller.abort()
})

test('deleting the shape while a client streams makes it start over with a new handle', async () => {
  const controller = new AbortController()
  const stream = new ShapeStream({ url, params: { table: 'todos' }, signal: controller.signal })
  const shape = new Shape(stream)
  await shape.rows
  const first = stream.shapeHandle
  const deleted = await fetch(`${url}?handle=${first}`, { method: 'DELETE' })
  assert.equal(deleted.status, 202)
  const created = await api('POST', '/todos', { title: 'after delete', completed: false })
  await until(shape, (rows) => rows.some((r) => r.id === BigInt(created.id)), 'the row after the re-sync')
  assert.notEqual(stream.shapeHandle, first)
  controller.abort()
})

test('a new stream resumes from a saved handle and offset', async () => {
  const first = new ShapeStream({ url, params: { table: 'todos' }, subscribe: false })
  const rows = await new Shape(first).rows
  const handle = first.shapeHandle
  const offset = first.lastOffset

  const created = await api('POST', '/todos', { title: 'while offline', completed: false })
  const controller = new AbortController()
  const resumed = new ShapeStream({ url, params: { table: 'todos' }, handle, offset, signal: controller.signal })
  const seen = []
  resumed.subscribe((batch) => seen.push(...batch.filter((m) => m.headers?.operation)))
  const deadline = Date.now() + 15000
  while (!seen.some((m) => m.value?.id === BigInt(created.id)) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50))
  }
  assert.ok(seen.some((m) => m.value?.id === BigInt(created.id)), 'the change made while away')
  assert.ok(!seen.some((m) => rows.some((r) => r.id === m.value?.id && m.headers.operation === 'insert')),
    'nothing already synced is sent again')
  assert.equal(resumed.shapeHandle, handle)
  controller.abort()
})
