// Shapes of the figures each spec saves and the report reads.

/** When the run started and ended, and how busy the machine was (1-minute load average). */
export type RunFigures = {
  startedAt: number;
  endedAt: number;
  loadAtStart: string;
  loadAtEnd: string;
};

export type LockoutAnswer = { id: string; instance: number; status: number; code: string | null };

export type LockoutTrial = {
  trial: number;
  offsetMs: number;
  answers: LockoutAnswer[];
  upstreamDeletes: number;
  remaining: string[];
  lockout: boolean;
  untrue: string[];
  landedAfterAnswer: number;
};

export type LockoutCondition = {
  key: string;
  title: string;
  instances: number;
  redis: boolean;
  fault: string;
  trials: number;
  lockouts: number;
  statusMix: Record<string, number>;
  codes: Record<string, number>;
  upstreamDeletes: number;
  /** DELETEs Keyward answered 202 for and that Auth0 carried out afterwards. */
  landedAfterAnswer: number;
  /** Answers contradicted by the tenant's state once everything settled. */
  untrueAnswers: number;
  /** Trials with a lockout or an untrue answer, in full (at most 20). */
  badTrials: LockoutTrial[];
  seconds: number;
};

export type LockoutFigures = {
  trialsPerCondition: number;
  writeTimeoutMs: number;
  latencyMs: number;
  /** Offsets of the second removal with the slow DELETE, and without a fault. */
  offsetsMs: number[];
  offsetsWithoutFaultMs: number[];
  conditions: LockoutCondition[];
};

export const FAULTS = [
  '429',
  '500',
  '503',
  'latency',
  'reset',
  'tenant down',
  'redis down',
] as const;
export type Fault = (typeof FAULTS)[number];

/** Whether the answer matched the tenant's state afterwards. */
export type Verdict = 'true' | 'hedged' | 'UNTRUE' | 'n/a' | 'unmeasured';

export type Cell = {
  op: string;
  fault: Fault;
  status: number;
  code: string | null;
  retryAfter: string | null;
  ms: number;
  /** Where the cell's time went: setup (reset, ceremony), clearing the fault, and in all. */
  phasesMs?: { setup: number; clear: number; all: number };
  claim: string;
  upstream: string;
  verdict: Verdict;
  lost: string | null;
  note?: string;
};

export type MatrixFigures = {
  writeTimeoutMs: number;
  readTimeoutMs: number;
  sdkHttpTimeoutMs: number;
  latencies: Record<string, number>;
  faults: Fault[];
  ops: { name: string; routes: string[] }[];
  seconds: number;
  cells: Cell[];
};

export type RotationResult = {
  action: 'rotate' | 'rotate-and-revoke';
  setup: string;
  requests: number;
  statuses: Record<string, number>;
  rotationsSeen: number;
  revocationsSeen: number;
  /** How many steps the current key moved (1 = one rotation, 2 = more than one). */
  currentKeySteps: number;
  revokedKeys: number;
};

export type RotationFigures = { concurrent: number; results: RotationResult[] };

export type FuzzFinding = {
  auth: string;
  method: string;
  path: string;
  body: string;
  status: number;
  code: string | null;
  note?: string;
};

export type NameResult = {
  label: string;
  expect: 'refused' | 'kept';
  status: number;
  message: string;
  /** The name the tenant holds afterwards. */
  stored: string | null;
  ok: boolean;
};

export type FuzzFigures = {
  names: NameResult[];
  routes: { template: string; methods: string[] }[];
  requests: number;
  bodiesPerRoute: number;
  byStatus: Record<string, number>;
  byAuth: Record<string, number>;
  fiveHundreds: FuzzFinding[];
  /** Answers through our proxy that lacked our security headers. */
  missingHeaders: FuzzFinding[];
  /** Answers with no HTTP status (connection closed). */
  noAnswer: FuzzFinding[];
  /** Requests Node's HTTP parser refused before Next (bare 400, e.g. an unknown method). */
  parserRefusals: number;
  slowest: { ms: number; what: string }[];
  otherUsersData: { before: number; after: number; lost: string[] };
  seconds: number;
};

export type FloodVariant = {
  title: string;
  addresses: string;
  seconds: number;
  victim: {
    loads: number;
    ok: number;
    successRate: number;
    failures: { what: string; status: number; code: string | null }[];
    p95Ms: number;
  };
  flooder: {
    requests: number;
    byStatus: Record<string, number>;
    byCode: Record<string, number>;
    tooMany: number;
  };
  managementRequests: number;
  managementPerSecond: number;
};

export type SessionRefreshFigures = {
  rounds: { answers: string[]; thenOne: number; message?: string }[];
  /** 401s answered to a person who had just signed in. */
  spuriousReauth: number;
};

export type FloodFigures = {
  mgmtRps: number;
  tenantPerSecond: number;
  loops: number;
  variants: FloodVariant[];
};

export type SignInFloodFigures = {
  mgmtRps: number;
  tenantPerSecond: number;
  tenantBurst: number;
  loops: number;
  seconds: number;
  victim: {
    loads: number;
    ok: number;
    successRate: number;
    failures: { status: number; what: string }[];
    p50Ms: number;
    p95Ms: number;
  };
  flooder: {
    /** Sign-in attempts, each from /auth/login to the callback's answer. */
    rounds: number;
    signedIn: number;
    outcomes: Record<string, number>;
    tooMany: number;
    signInP50Ms: number;
    signInP95Ms: number;
  };
  /** Token requests the tenant got (each sign-in's code exchange is one). */
  callbacks: number;
  managementRequests: number;
  /** GET /api/v2/users/:id: the account read at sign-in. */
  accountReads: number;
};

/** One trial of a write-ahead scenario: bob's removals around a restart or a dead Redis. */
export type WriteAheadTrial = {
  trial: number;
  /** What was done to the app or the store, and when. */
  variant: string;
  answers: (LockoutAnswer & { step: string })[];
  /** Whether removal A was still in flight at the tenant when the later removal was decided. */
  firstStillPending: boolean;
  upstreamDeletes: number;
  remaining: string[];
  lockout: boolean;
  untrue: string[];
};

export type WriteAheadScenario = Pick<
  LockoutCondition,
  'title' | 'instances' | 'redis' | 'fault' | 'trials' | 'lockouts' | 'untrueAnswers' | 'codes'
> &
  Pick<LockoutCondition, 'upstreamDeletes' | 'seconds'> & {
    key: 'restart' | 'redis-killed';
    /** Trials in which A was still in flight when B was decided (the pending window was hit). */
    insideWindow: number;
    /** Trials inside the window the scenario runs for (it runs more when some miss it). */
    wanted: number;
    badTrials: WriteAheadTrial[];
  };

/** One "the store cannot record the intent" case: the DELETE must not leave Keyward. */
export type UnwritableCase = {
  title: string;
  how: string;
  trials: number;
  answers: Record<string, number>;
  /** DELETEs the tenant received across the case's trials (counted on arrival). */
  upstreamDeletes: number;
  /** Trials after which bob no longer had both passkeys. */
  changed: number;
  ok: boolean;
  seconds: number;
};

export type UnwritableFigures = { cases: UnwritableCase[] };
