// The real @electric-sql/client syncs the todo app's shape. ElectricClientTest starts the app, writes the
// fixture rows and runs this file with APP_URL set.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShapeStream, Shape } from '@electric-sql/client'

const base = process.env.APP_URL
assert.ok(base, 'APP_URL must point at the running app')

test('initial sync of /todos/shape: rows, parsed types, handle and offset', async () => {
  const stream = new ShapeStream({ url: `${base}/todos/shape`, subscribe: false })
  const shape = new Shape(stream)
  const rows = await shape.rows

  const byId = new Map(rows.map((row) => [row.id, row]))
  assert.equal(rows.length, 2)
  // int8 columns arrive as BigInt, booleans as booleans (from electric-schema), NULL as null.
  assert.deepEqual(byId.get(2001n), {
    id: 2001n,
    title: 'Sync "me"\nünïcode ✓',
    completed: true,
    owner_id: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
    created_at: '2024-02-29 11:45:01.123456+00',
  })
  assert.deepEqual(byId.get(2002n), {
    id: 2002n,
    title: '',
    completed: false,
    owner_id: null,
    created_at: '2024-03-01 00:00:00+00',
  })
  assert.match(stream.shapeHandle, /^\d+-\d+$/)
  assert.equal(stream.lastOffset, '0_0')
  assert.equal(stream.isUpToDate, true)
})

test('a stale handle is refetched from scratch (409 must-refetch)', async () => {
  const stream = new ShapeStream({
    url: `${base}/todos/shape`,
    subscribe: false,
    offset: '0_0',
    handle: '1-1',
  })
  const rows = await new Shape(stream).rows
  assert.equal(rows.length, 2)
  assert.notEqual(stream.shapeHandle, '1-1')
})
