// Transformed shapes (TransformResource) with the real client: rewritten, dropped and duplicated changes, and rows in
// an entity's JSON form, in the snapshot and live, long-poll and SSE. ElectricClientTest runs this file after
// writing two todos, 2001 and 2002.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShapeStream, Shape } from '@electric-sql/client'
import { api, base, until } from './support.mjs'

function subscribe(path, liveSse, options = {}) {
  const controller = new AbortController()
  const stream = new ShapeStream({ url: `${base}${path}`, liveSse, signal: controller.signal, ...options })
  return { shape: new Shape(stream), stream, stop: () => controller.abort() }
}

for (const liveSse of [false, true]) {
  const mode = liveSse ? 'SSE' : 'long-poll'

  test(`a rewrite: every title in capitals, in the snapshot and live (${mode})`, async () => {
    const { shape, stop } = subscribe('/transforms/shouting', liveSse)
    const rows = await shape.rows
    assert.deepEqual(rows.map((r) => r.title).sort(), ['', 'Sync "me"\nünïcode ✓'.toUpperCase()])

    const created = await api('POST', '/todos', { title: 'made while live', completed: false })
    const id = BigInt(created.id)
    await until(shape, (rows) => rows.some((r) => r.id === id && r.title === 'MADE WHILE LIVE'), 'the insert')
    await api('PUT', `/todos/${created.id}`, { title: 'edited while live', completed: true })
    await until(shape, (rows) => rows.some((r) => r.id === id && r.title === 'EDITED WHILE LIVE' && r.completed),
      'the update')
    await api('DELETE', `/todos/${created.id}`)
    await until(shape, (rows) => !rows.some((r) => r.id === id), 'the delete')
    stop()
  })

  test(`a drop: completed todos' updates never arrive (${mode})`, async () => {
    const { shape, stop } = subscribe('/transforms/quiet-when-done', liveSse)
    assert.equal((await shape.rows).length, 2)
    const created = await api('POST', '/todos', { title: 'open', completed: false })
    const id = BigInt(created.id)
    await until(shape, (rows) => rows.some((r) => r.id === id), 'the insert')
    await api('PUT', `/todos/${created.id}`, { title: 'still open', completed: false })
    await until(shape, (rows) => rows.some((r) => r.id === id && r.title === 'still open'), 'the open update')

    await api('PUT', `/todos/${created.id}`, { title: 'done now', completed: true }) // dropped
    const marker = await api('POST', '/todos', { title: 'after the drop', completed: false })
    await until(shape, (rows) => rows.some((r) => r.id === BigInt(marker.id)), 'a later insert')
    const row = shape.currentRows.find((r) => r.id === id)
    assert.equal(row.title, 'still open')
    assert.equal(row.completed, false)
    await api('DELETE', `/todos/${created.id}`)
    await api('DELETE', `/todos/${marker.id}`)
    await until(shape, (rows) => rows.length === 2, 'the deletes')
    stop()
  })

  test(`a duplicate: each todo twice, as two rows (${mode})`, async () => {
    const { shape, stop } = subscribe('/transforms/twice', liveSse)
    assert.equal((await shape.rows).length, 4)
    const created = await api('POST', '/todos', { title: 'twins', completed: false })
    await until(shape, (rows) => rows.filter((r) => r.title === 'twins').length === 2, 'both copies')
    await api('DELETE', `/todos/${created.id}`)
    await until(shape, (rows) => rows.length === 4, 'both copies deleted')
    stop()
  })

  test(`the entity form: rows as Todo's JSON (${mode})`, async () => {
    const { shape, stop } = subscribe('/transforms/todos', liveSse)
    const rows = await shape.rows
    const synced = rows.find((r) => r.id === 2001)
    // The schema names Java types, so the client keeps the JSON values: numbers, booleans, ISO timestamps.
    assert.deepEqual(synced, {
      id: 2001,
      title: 'Sync "me"\nünïcode ✓',
      completed: true,
      ownerId: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      createdAt: '2024-02-29T11:45:01.123456Z',
    })
    const created = await api('POST', '/todos', { title: 'as an entity', completed: false })
    await until(shape, (rows) => rows.some((r) => r.id === created.id && r.completed === false && r.ownerId === null),
      'the insert')
    await api('PUT', `/todos/${created.id}`, { title: 'edited entity', completed: true })
    await until(shape, (rows) => rows.some((r) => r.id === created.id && r.title === 'edited entity' && r.completed),
      'the update')
    await api('DELETE', `/todos/${created.id}`)
    await until(shape, (rows) => !rows.some((r) => r.id === created.id), 'the delete')
    stop()
  })
}

test('a subset snapshot of a transformed shape is transformed', async () => {
  const stream = new ShapeStream({ url: `${base}/transforms/on-demand`, log: 'changes_only', subscribe: false })
  const { data } = await stream.fetchSnapshot({ where: 'id = $1', params: { 1: '2001' } })
  assert.deepEqual(data.map((m) => m.value.title), ['Sync "me"\nünïcode ✓'.toUpperCase()])
})
