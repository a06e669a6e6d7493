// S6 (c): N concurrent clients fetch a 500-row shape from offset -1 to up-to-date (plain fetch, as the client's first requests).
import http from 'node:http'
const [url, table, n] = [process.argv[2], process.argv[3], Number(process.argv[4] || 2000)]
const agent = new http.Agent({ keepAlive: true, maxSockets: n })
function get(path) {
  return new Promise((resolve, reject) => {
    http.get(url + path, { agent }, res => {
      let size = 0
      res.on('data', c => { size += c.length })
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, size }))
    }).on('error', reject)
  })
}
async function client() {
  let offset = '-1', handle = null, bytes = 0
  for (let i = 0; i < 100; i++) {
    const r = await get(`/v1/shape?table=${table}&offset=${offset}${handle ? '&handle=' + handle : ''}`)
    if (r.status !== 200) throw new Error('status ' + r.status)
    bytes += r.size
    handle = r.headers['electric-handle']; offset = r.headers['electric-offset']
    if ('electric-up-to-date' in r.headers) return bytes
  }
  throw new Error('no up-to-date')
}
const t0 = Date.now()
const results = await Promise.allSettled(Array.from({ length: n }, client))
const failed = results.filter(r => r.status === 'rejected')
console.log(`${n} clients to up-to-date in ${Date.now() - t0} ms, ${failed.length} failed${failed.length ? ': ' + failed[0].reason : ''}`)
process.exit(0)
