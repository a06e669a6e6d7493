// TanStack DB's on-demand mode: a changes_only stream plus subset snapshots, with the real client.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ShapeStream } from '@electric-sql/client'

const base = process.env.APP_URL

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
