/**
 * Catalogue search on the portal: GET /api/public/procedures?q=… over 5,000 published procedures
 * (a national catalogue's size), at 20 concurrent users on PostgreSQL, loaded by autocannon from
 * a separate process. Baseline in the same run: the bare Fastify route. Target: p95 < 20 ms.
 *
 * The 5,000 procedures are written straight into the benchmark database before the server
 * starts: names combine real verbs, objects and qualifiers of published procedures, so the
 * trigram index sees realistic Vietnamese text.
 */
import pg from 'pg'
import { describeLoad, loadSettings, runLoad, type LoadTarget } from '../lib/load.ts'
import { getJson, startServer, type RunningServer } from '../lib/server.ts'
import { entry, round } from '../lib/stats.ts'
import type { BenchCase, BenchContext } from '../lib/types.ts'

const PROCEDURES = 5000
const QUERY = 'cap giay chung nhan quyen su dung dat'

const VERBS = ['Cấp', 'Cấp lại', 'Cấp đổi', 'Điều chỉnh', 'Gia hạn', 'Thu hồi', 'Đăng ký', 'Xác nhận', 'Thẩm định', 'Phê duyệt', 'Công nhận', 'Chấm dứt', 'Chuyển đổi', 'Bổ sung', 'Giải quyết']
const OBJECTS = [
  'giấy chứng nhận quyền sử dụng đất', 'giấy phép xây dựng', 'giấy chứng nhận đăng ký hộ kinh doanh', 'giấy phép lái xe', 'giấy khai sinh', 'chứng chỉ hành nghề y',
  'giấy phép kinh doanh vận tải', 'giấy chứng nhận an toàn thực phẩm', 'phiếu lý lịch tư pháp', 'trợ cấp xã hội hằng tháng', 'giấy phép khai thác nước mặt',
  'quyết định thành lập trường mầm non', 'giấy phép hoạt động báo chí', 'chứng nhận nguồn gốc gỗ', 'giấy phép lao động', 'giấy xác nhận tình trạng hôn nhân',
  'giấy phép môi trường', 'chứng chỉ quy hoạch', 'giấy phép sử dụng vật liệu nổ', 'giấy chứng nhận đủ điều kiện kinh doanh dược',
]
const QUALIFIERS = ['', ' đối với tổ chức', ' đối với cá nhân', ' có yếu tố nước ngoài', ' lần đầu', ' cấp tỉnh', ' cấp xã', ' trong khu công nghiệp', ' cho doanh nghiệp nhỏ và vừa', ' theo thủ tục rút gọn', ' tại khu kinh tế', ' đối với công trình cấp III', ' cho hộ gia đình', ' trường hợp bị mất, hỏng', ' khi thay đổi thông tin', ' thuộc thẩm quyền của Sở', ' thuộc thẩm quyền của Ủy ban nhân dân']
const FIELDS = ['Đất đai', 'Xây dựng', 'Hộ tịch', 'Giao thông vận tải', 'Y tế', 'Tư pháp', 'Lao động', 'Môi trường', 'Giáo dục', 'Kinh doanh', 'Bảo trợ xã hội', 'Nông nghiệp']

const UNCACHED_QUERIES = 300

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

/** Latency of distinct search queries (verb + object words), one at a time. */
async function sequentialLatencies(baseUrl: string, count: number, fixedPath?: string): Promise<number[]> {
  const plain = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').toLowerCase()
  const latencies: number[] = []
  for (let i = 0; i < count; i++) {
    const words = `${plain(VERBS[i % VERBS.length]!)} ${plain(OBJECTS[(i * 7) % OBJECTS.length]!).split(' ').slice(0, 2 + (i % 3)).join(' ')} ${i}`
    const path = fixedPath ?? `/api/public/procedures?q=${encodeURIComponent(words.replace(/ \d+$/, ''))}&offset=${i % 5}`
    const started = performance.now()
    const response = await fetch(baseUrl + path)
    await response.arrayBuffer()
    latencies.push(performance.now() - started)
  }
  return latencies
}

async function seedCatalogue(ctx: BenchContext): Promise<void> {
  const client = new pg.Client({ connectionString: ctx.databaseUrl })
  await client.connect()
  try {
    const existing = await client.query<{ n: number }>(`select count(*)::int as n from procedures`)
    if (existing.rows[0]!.n >= PROCEDURES) return
    await client.query('begin')
    const fieldIds: string[] = []
    for (const name of FIELDS) {
      const row = await client.query<{ id: string }>(`insert into procedure_fields (name) values ($1) on conflict (name) do update set name = excluded.name returning id`, [name])
      fieldIds.push(row.rows[0]!.id)
    }
    const names: string[] = []
    for (let i = 0; names.length < PROCEDURES - existing.rows[0]!.n; i++) {
      const name = `${VERBS[i % VERBS.length]} ${OBJECTS[Math.floor(i / VERBS.length) % OBJECTS.length]}${QUALIFIERS[Math.floor(i / (VERBS.length * OBJECTS.length)) % QUALIFIERS.length]}${i >= VERBS.length * OBJECTS.length * QUALIFIERS.length ? ` (mẫu ${i})` : ''}`
      names.push(name)
    }
    // Batches of 500 rows: procedures, then their published first versions.
    for (let start = 0; start < names.length; start += 500) {
      const batch = names.slice(start, start + 500)
      const ids = await client.query<{ id: string }>(`insert into procedures (national_code) select 'B.' || lpad((${start} + g)::text, 6, '0') from generate_series(1, $1::int) g returning id`, [batch.length])
      const values: unknown[] = []
      const rows = batch.map((name, i) => {
        const field = FIELDS[(start + i) % FIELDS.length]!
        const content = {
          nationalCode: `B.${String(start + i + 1).padStart(6, '0')}`, name, field: { name: field, code: null }, levels: [(start + i) % 3 === 0 ? 'commune' : 'province'], implementingAgency: null,
          timeLimit: { value: 5 + ((start + i) % 20), unit: 'working_days', cutoff: null, note: null }, fees: [], documents: [{ name: 'Đơn đề nghị theo mẫu', form: 'original', count: 1, templateUrl: null }],
          sets: 1, conditions: null, legalBasis: [], result: null, resultKind: null, onlineLevel: (start + i) % 2 === 0 ? 'full' : 'partial', returnByPost: null, workflow: [], variants: [],
          provenance: { confidence: null, source: 'benchmark', missing: [], templated: [] },
        }
        values.push(ids.rows[i]!.id, name, fieldIds[(start + i) % FIELDS.length], JSON.stringify(content))
        const p = i * 4
        return `($${p + 1}::uuid, 1, 'published', '2025-01-01', $${p + 2}, $${p + 3}::uuid, $${p + 4}::jsonb, now())`
      })
      await client.query(`insert into procedure_versions (procedure_id, version, status, effective_from, name, field_id, content, published_at) values ${rows.join(', ')}`, values)
    }
    await client.query('commit')
    await client.query('analyze procedure_versions')
  } finally {
    await client.end()
  }
}

export const catalogueSearchCase: BenchCase = {
  id: 'catalogue-search',
  title: 'catalogue search over 5,000 procedures at 20 concurrent users',
  async run(ctx) {
    const settings = loadSettings()
    const servers: RunningServer[] = []
    try {
      // The server migrates (and seeds the demo) first; then the catalogue is filled to 5,000.
      const first = await startServer('cchc', { repoRoot: ctx.repoRoot, databaseUrl: ctx.databaseUrl, timeoutMs: 120_000 })
      await first.stop()
      await seedCatalogue(ctx)
      const real = await startServer('cchc', { repoRoot: ctx.repoRoot, databaseUrl: ctx.databaseUrl, timeoutMs: 60_000 })
      servers.push(real)
      const url = `${real.baseUrl}/api/public/procedures?q=${encodeURIComponent(QUERY)}`
      const answer = (await getJson(url)) as { total?: number; items?: Array<{ name: string }> }
      if (!answer.total || !answer.items?.[0]?.name.toLowerCase().includes('giấy chứng nhận quyền sử dụng đất')) throw new Error(`unexpected search answer: ${JSON.stringify(answer).slice(0, 200)}`)
      ctx.log(`"${QUERY}" → ${answer.total} matches; first: ${answer.items[0].name}`)
      const bare = await startServer('bare', { repoRoot: ctx.repoRoot, databaseUrl: ctx.databaseUrl, timeoutMs: 30_000 })
      servers.push(bare)
      const targets: LoadTarget[] = [
        { label: 'search', url },
        { label: 'bare', url: `${bare.baseUrl}/api/health` },
      ]
      // Distinct queries one after another: every answer is computed (no recent answer to reuse).
      const uncached = await sequentialLatencies(real.baseUrl, UNCACHED_QUERIES)
      const bareSequential = await sequentialLatencies(bare.baseUrl, UNCACHED_QUERIES, '/api/health')
      ctx.log(`${UNCACHED_QUERIES} distinct queries in sequence: p95 ${round(percentile(uncached, 95), 2)} ms (bare Fastify ${round(percentile(bareSequential, 95), 2)} ms)`)
      const results = await runLoad(ctx.repoRoot, targets, settings)
      const search = results.search!
      const base = results.bare!
      ctx.log(describeLoad('catalogue search', search))
      ctx.log(describeLoad('bare Fastify GET (small JSON)', base))
      ctx.log(`target p95 < 20 ms: ${search.latencyMs.p95 < 20 ? 'met' : 'NOT met'}`)
      return [
        entry('catalogue_search_p95', round(search.latencyMs.p95, 2), 'ms', round(base.latencyMs.p95, 2)),
        entry('catalogue_search_rps', round(search.rps), 'req/s', round(base.rps)),
        entry('catalogue_search_uncached_p95', round(percentile(uncached, 95), 2), 'ms', round(percentile(bareSequential, 95), 2)),
      ]
    } finally {
      for (const server of servers) await server.stop()
    }
  },
}
