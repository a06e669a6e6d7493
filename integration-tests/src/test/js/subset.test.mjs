// TanStack DB's on-demand mode: a changes_only stream plus subset snapshots, with the real client, over GET and
// over POST (subsetMethod: 'POST', the subset in a JSON body: what long where clauses need).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShapeStream, Shape } from '@electric-sql/client'
import { base, until } from './support.mjs'

test('fetchSnapshot on a changes_only shape: where, params, order, limit', async () => {
  const stream = new ShapeStream({ url: `${base}/todos/on-demand`, log: 'changes_only', subscribe: false })
  const { metadata, data } = await stream.fetchSnapshot({
    where: 'completed = $1',
    params: { 1: 'false' },
    orderBy: 'id DESC',
    limit: 10,
  })
  assert.equal(typeof metadata.snapshot_mark, 'number')
  assert.deepEqual(data.map((m) => m.value.id), [4004n, 4002n])
  assert.ok(data.every((m) => m.headers.operation === 'insert'))
})

test('fetchSnapshot over POST on a resource endpoint that declares @POST', async () => {
  const stream = new ShapeStream({
    url: `${base}/todos/on-demand`,
    log: 'changes_only',
    subscribe: false,
    subsetMethod: 'POST',
  })
  const { metadata, data } = await stream.fetchSnapshot({
    where: 'completed = $1',
    params: { 1: 'true' },
    orderBy: 'id',
    limit: 1,
    offset: 1,
  })
  assert.equal(typeof metadata.snapshot_mark, 'number')
  assert.deepEqual(data.map((m) => m.value.id), [4003n])
})

test('requestSnapshot over POST on /v1/shape with a where clause too long for a URL', async () => {
  const ids = Array.from({ length: 3000 }, (_, i) => 4001 + i)
  const where = `id IN (${ids.join(', ')}) AND completed = $1`
  const tooLong = new ShapeStream({ url: `${base}/v1/shape`, params: { table: 'todos' }, log: 'changes_only', subscribe: false })
  await assert.rejects(tooLong.fetchSnapshot({ where, params: { 1: 'true' } }), (e) => e.status === 414,
    'over GET the URL is too long')

  const controller = new AbortController()
  const stream = new ShapeStream({
    url: `${base}/v1/shape`,
    params: { table: 'todos' },
    log: 'changes_only',
    subsetMethod: 'POST',
    signal: controller.signal,
  })
  const shape = new Shape(stream)
  assert.deepEqual(await shape.rows, [], 'changes_only: no rows until a snapshot is requested')
  const { data } = await stream.requestSnapshot({ where, params: { 1: true }, orderBy: 'id DESC', limit: 10 })
  assert.deepEqual(data.map((m) => m.value.id), [4003n, 4001n])
  await until(shape, (rows) => rows.length === 2, 'the snapshot rows in the shape')
  assert.deepEqual(shape.currentRows.map((r) => r.id).sort(), [4001n, 4003n])
  controller.abort()
})
