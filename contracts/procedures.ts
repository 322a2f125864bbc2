/**
 * The procedure catalogue. `ProcedureContent` is what a version holds; it is also the body of a
 * JSON package moved between deployments (`ProcedurePackage`, published as JSON Schema at
 * /api/procedures/package.schema.json).
 */
import Type, { type Static, type TSchema, type TUnsafe } from 'typebox'
import { AGENCY_KINDS, RowVersion } from './org.ts'
import { ROLE_NAMES } from './auth.ts'
import { LIMIT_UNIT_NAMES } from './calendar.ts'
import { IsoDate, IsoDateTime, Uuid } from './common.ts'

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })
/**
 * `T | null` as `type: [T, 'null']` (or `enum: [..., null]`) rather than `anyOf`: the same JSON
 * Schema meaning, but response serialisation needs no validation to pick a branch (the
 * catalogue's search answers hold many such fields).
 */
function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const raw = schema as unknown as Record<string, unknown>
  if (Array.isArray(raw.enum)) return Type.Unsafe<Static<T> | null>({ ...raw, enum: [...(raw.enum as unknown[]), null] } as never)
  if (typeof raw.type === 'string') return Type.Unsafe<Static<T> | null>({ ...raw, type: [raw.type, 'null'] } as never)
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]) as never)
}

export const ProcedureTimeLimit = Type.Object(
  {
    value: Nullable(Type.Number({ minimum: 0, maximum: 3660 })),
    unit: Nullable(Type.Enum(LIMIT_UNIT_NAMES)),
    /** Dossiers received at or after this time count from the next working day. */
    cutoff: Nullable(Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })),
    note: Nullable(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)
export type ProcedureTimeLimit = Static<typeof ProcedureTimeLimit>

export const Fee = Type.Object(
  {
    name: Text(300),
    /** Who pays this amount: anyone, individuals, organisations. */
    payer: Type.Enum(['any', 'individual', 'organisation'] as const),
    /** VND; 0 = free; null = set elsewhere (e.g. by the provincial council). */
    amountVnd: Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })),
    note: Nullable(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

export const RequiredDocument = Type.Object(
  {
    name: Text(1000),
    form: Nullable(Type.Enum(['original', 'copy', 'either'] as const)),
    count: Nullable(Type.Integer({ minimum: 1, maximum: 100 })),
    /** Address of the blank form, when there is one. */
    templateUrl: Nullable(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
)

export const WorkflowStep = Type.Object(
  {
    name: Text(300),
    /** Who performs the step: a role, at the implementing agency unless `agencyKind` names another. */
    role: Nullable(Type.Enum(ROLE_NAMES)),
    agencyKind: Nullable(Type.Enum(AGENCY_KINDS)),
    /** Step budget in working hours. */
    budgetHours: Type.Number({ minimum: 0, maximum: 2000 }),
    /** True for a step at another agency or level (interlinked procedure). */
    interlinked: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type WorkflowStep = Static<typeof WorkflowStep>

export const Variant = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    name: Text(300),
    documents: Type.Array(RequiredDocument, { maxItems: 60 }),
    timeLimit: ProcedureTimeLimit,
    workflow: Type.Array(WorkflowStep, { maxItems: 30 }),
  },
  { additionalProperties: false },
)

export const ProcedureContent = Type.Object(
  {
    nationalCode: Nullable(Type.String({ pattern: '^[0-9A-Za-z][0-9A-Za-z.-]{2,40}$' })),
    name: Text(500),
    field: Type.Object({ name: Text(200), code: Nullable(Type.String({ minLength: 1, maxLength: 30 })) }, { additionalProperties: false }),
    levels: Type.Array(Type.Enum(['commune', 'province'] as const), { minItems: 1, maxItems: 2, uniqueItems: true }),
    /** Implementing agency as published (a type of agency, e.g. "Ủy ban nhân dân cấp xã"). */
    implementingAgency: Nullable(Type.String({ maxLength: 500 })),
    timeLimit: ProcedureTimeLimit,
    fees: Type.Array(Fee, { maxItems: 30 }),
    documents: Type.Array(RequiredDocument, { maxItems: 60 }),
    /** Number of sets of the dossier to submit. */
    sets: Nullable(Type.Integer({ minimum: 1, maximum: 20 })),
    conditions: Nullable(Type.String({ maxLength: 5000 })),
    legalBasis: Type.Array(Text(500), { maxItems: 40 }),
    result: Nullable(Type.String({ maxLength: 1000 })),
    resultKind: Nullable(Type.Enum(['paper', 'electronic', 'both'] as const)),
    onlineLevel: Type.Enum(['full', 'partial', 'none'] as const),
    returnByPost: Nullable(Type.Boolean()),
    workflow: Type.Array(WorkflowStep, { maxItems: 30 }),
    variants: Type.Array(Variant, { maxItems: 20 }),
    /** Where the facts come from and how sure they are: V = official page, S = secondary source. */
    provenance: Type.Object(
      {
        confidence: Nullable(Type.Enum(['V', 'S'] as const)),
        source: Nullable(Type.String({ maxLength: 1000 })),
        /** Facts the published record does not give (shown as such, never invented). */
        missing: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 }),
        /** Parts that are a standard template rather than published facts (e.g. the workflow). */
        templated: Type.Array(Type.String({ maxLength: 100 }), { maxItems: 30 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type ProcedureContent = Static<typeof ProcedureContent>

export const VERSION_STATUSES = ['draft', 'published', 'withdrawn'] as const

/** Largest `document` index of a template: a version lists at most 60 documents. */
export const MAX_DOCUMENT_INDEX = 59

/**
 * A blank form (mẫu đơn, tờ khai) uploaded for one document of a version (ADR 0013). The bytes are
 * downloaded from `url`: the public address once the version is published, the officials' one
 * while it is a draft.
 */
export const FormTemplate = Type.Object({
  /** Position of the document in the version's `content.documents`. */
  documentIndex: Type.Integer({ minimum: 0, maximum: MAX_DOCUMENT_INDEX }),
  /** The name it was uploaded with (shown, and given to the downloaded file). */
  fileName: Type.String(),
  /** Sniffed from the bytes at upload. */
  mediaType: Type.String(),
  size: Type.Integer({ minimum: 0, description: 'Bytes' }),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes, as recorded in the audit trail' }),
  uploadedAt: IsoDateTime,
  url: Type.String(),
  /** The template's own version, for If-Match when it is replaced or deleted (ADR 0011). */
  rowVersion: RowVersion,
})
export type FormTemplate = Static<typeof FormTemplate>

export const TemplateParams = Type.Object(
  { id: Uuid, version: Type.Integer({ minimum: 1, maximum: 100_000 }), document: Type.Integer({ minimum: 0, maximum: MAX_DOCUMENT_INDEX }) },
  { additionalProperties: false },
)

export const ProcedureVersion = Type.Object({
  id: Uuid,
  procedureId: Uuid,
  version: Type.Integer(),
  status: Type.Enum(VERSION_STATUSES),
  effectiveFrom: IsoDate,
  createdAt: IsoDateTime,
  publishedAt: Nullable(IsoDateTime),
  content: ProcedureContent,
  /** Version of this row (not the procedure's version number): the draft's ETag, for If-Match (ADR 0011). */
  rowVersion: RowVersion,
  /** Blank forms uploaded for the version's documents (`content.documents`), by document index. */
  templates: Type.Optional(Type.Array(FormTemplate)),
})
export type ProcedureVersion = Static<typeof ProcedureVersion>

export const ProcedureAgency = Type.Object(
  {
    agencyId: Uuid,
    agencyName: Type.Optional(Type.String()),
    localCode: Nullable(Type.String({ maxLength: 80 })),
    onlineLevel: Type.Enum(['full', 'partial', 'none'] as const),
    active: Type.Boolean(),
  },
  { additionalProperties: false },
)

export const Procedure = Type.Object({
  id: Uuid,
  nationalCode: Nullable(Type.String()),
  /** The version in force today (or on the requested date); null when none is published. */
  current: Nullable(ProcedureVersion),
  /** Every version, newest first (officials only; empty on the portal). */
  versions: Type.Array(Type.Object({ id: Uuid, version: Type.Integer(), status: Type.Enum(VERSION_STATUSES), effectiveFrom: IsoDate, name: Type.String(), publishedAt: Nullable(IsoDateTime) })),
  agencies: Type.Array(ProcedureAgency),
  /** Row version of the procedure record (its implementing agencies), for If-Match; also the ETag of the officials' view. */
  rowVersion: Type.Integer({ minimum: 1 }),
})
export type Procedure = Static<typeof Procedure>

export const ProcedureSummary = Type.Object({
  id: Uuid,
  nationalCode: Nullable(Type.String()),
  name: Type.String(),
  field: Type.String(),
  levels: Type.Array(Type.String()),
  onlineLevel: Type.String(),
  timeLimit: ProcedureTimeLimit,
  effectiveFrom: IsoDate,
  version: Type.Integer(),
  /** Search relevance (only on searches). */
  rank: Type.Optional(Type.Number()),
})
export type ProcedureSummary = Static<typeof ProcedureSummary>

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    field: Type.Optional(Type.String({ maxLength: 200 })),
    level: Type.Optional(Type.Enum(['commune', 'province'] as const)),
    agencyId: Type.Optional(Uuid),
    onlineLevel: Type.Optional(Type.Enum(['full', 'partial', 'none'] as const)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
  },
  { additionalProperties: false },
)
export type SearchQuery = Static<typeof SearchQuery>

export const SearchResult = Type.Object({ items: Type.Array(ProcedureSummary), total: Type.Integer() })

export const Suggestion = Type.Object({ id: Uuid, name: Type.String(), nationalCode: Nullable(Type.String()) })

export const CreateProcedureBody = Type.Object({ content: ProcedureContent, effectiveFrom: IsoDate }, { additionalProperties: false })
export type CreateProcedureBody = Static<typeof CreateProcedureBody>

export const NewVersionBody = Type.Object({ content: ProcedureContent, effectiveFrom: IsoDate }, { additionalProperties: false })
export type NewVersionBody = Static<typeof NewVersionBody>

export const SetAgenciesBody = Type.Object({ agencies: Type.Array(ProcedureAgency, { maxItems: 500 }) }, { additionalProperties: false })
export type SetAgenciesBody = Static<typeof SetAgenciesBody>

export const VersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false })

export const FieldSummary = Type.Object({ name: Type.String(), code: Nullable(Type.String()), count: Type.Integer() })

/** A whole procedure as one file between deployments. */
export const ProcedurePackage = Type.Object(
  {
    format: Type.Literal('cchc.procedure-package/1'),
    effectiveFrom: IsoDate,
    procedure: ProcedureContent,
  },
  { additionalProperties: false, $id: 'https://cchc.example/schemas/procedure-package-1.json', title: 'cchc procedure package' },
)
export type ProcedurePackage = Static<typeof ProcedurePackage>
