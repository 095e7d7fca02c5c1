import type { Store } from '../store/open.js';
import {
  planSearch,
  searchCases,
  topicTerms,
  type QueryPlan,
  type SearchHit,
} from '../search/index.js';
import { redact } from '../redact/index.js';
import { CategoryModel, type CategoryPrediction } from './category-model.js';
import { MIN_SHARED_WORDS, QUESTION_MIN_WORDS, distinctWords, wordParts } from './shared-words.js';
import {
  bundledKnowledge,
  detectNeedsHuman,
  inferRootCause,
  matchRootCauses,
  type Knowledge,
  type NeedsHuman,
  type RootCause as RootCauseEntry,
} from '../knowledge/index.js';
import type { HeldOut } from './naive-bayes.js';
import { draftReply, type ReplyDraft } from './reply.js';
import { listFaqEntries, type FaqEntry } from '../store/faq.js';
import { matchFaq, type FaqMatch } from './faq-match.js';
import type { LlmConfig } from './llm/config.js';
import { generateReply } from './llm/generate.js';
import { findOtherProvider, type OtherProvider } from './other-provider.js';

/** A past case similar to the question, as the triage result lists it. */
export interface SimilarCase {
  /** Database id of the case, for opening it through the API. */
  caseId: number;
  ref: string;
  source: string;
  title: string;
  category: string;
  score: number;
  snippet: string;
}

/** The likely root cause of the question, with the phrases that point to it. */
export interface RootCause {
  code: string;
  label: string;
  confidence: number;
  evidence: string[];
  /**
   * The cause's fix steps from the playbook (data/knowledge/root-causes.yaml), which the agent
   * can follow even when no past case is close enough to draft a reply from.
   */
  fix: string[];
}

/** The triage of one question: the JSON shape that `triage --json` and the HTTP API return. */
export interface TriageResult {
  query: string;
  category: CategoryPrediction | null;
  rootCause: RootCause | null;
  similar: SimilarCase[];
  reply: ReplyDraft | null;
  needsHuman: NeedsHuman;
  /** Approved FAQ entries that answer the question. */
  faq: FaqMatch[];
  redactions: Array<{ type: string; placeholder: string }>;
  /**
   * Another cloud provider the question is about (阿里云的安全组), whose service neither the
   * playbook nor the archive covers. The question then gets no root cause and no draft.
   */
  otherProvider: OtherProvider | null;
}

/** Replacements for the defaults of {@link Triage.open}. */
export interface TriageSetup {
  /** Taxonomy, legacy templates and needs-human rules; the bundled files by default. */
  knowledge?: Knowledge;
  /** Language model that rewrites reply drafts; none by default. */
  llm?: LlmConfig | null;
  /** Vocabulary size of the category model, when counted a moment ago. */
  vocabularySize?: number;
}

/** Options of {@link Triage.run}. */
export interface TriageOptions {
  /** Most similar cases listed. */
  limit?: number;
  /**
   * Similar cases scoring below this share of the best one's score are not listed (default
   * 0.25). On the sample, a question aimed at one case found it at 0.41 to 0.76 and padded
   * the list with cases at 0.05 to 0.09 that share one common word with it ("实例", "上传"). A
   * share rather than a fixed score, because a long question, such as a whole conversation,
   * scores low against every case. Cases left out still count when the root cause is inferred.
   */
  minSimilarShare?: number;
  /** A stored case to leave out of the similar cases, when triaging that case itself. */
  exclude?: { source: string; ref: string };
  /**
   * That case's own counts in the category model, left out of the prediction, so a category an
   * agent set is not predicted back from the case itself at a high confidence.
   */
  heldOut?: HeldOut;
}

// Share of the best hit's score that a hit stored with the question's own root cause needs to be
// listed first. On the 96 sample questions, triage's first case was right 85 times without the
// move, 90 times at 0.5 and 87 at 0.7 (docs/quality.md).
const SAME_CAUSE_FIRST_SHARE = 0.5;

// Share of the question's term weight below which a case sharing one word with the question is
// a chance match. When every hit is one, the archive does not cover the question ("今天股票怎么样")
// and no case is listed. Everyday questions reached at most 0.355 (docs/quality.md).
const CHANCE_MATCH_COVERAGE = 0.4;

/** Tells whether a hit shares a single word with the question and covers little of it. */
function isChanceMatch(hit: SearchHit): boolean {
  return (
    distinctWords(hit.matchedTerms) < MIN_SHARED_WORDS &&
    hit.dialogueCoverage < CHANCE_MATCH_COVERAGE
  );
}

function toSimilar(hit: SearchHit): SimilarCase {
  return {
    caseId: hit.caseId,
    ref: hit.ref,
    source: hit.source,
    title: hit.title,
    category: hit.category,
    score: hit.score,
    snippet: hit.snippet.text,
  };
}

// Boost that a root cause found in the question's own words adds to the per-term score of each
// of its categories, as much as two product hints. Chosen on the sample's 96 questions and 20 held-out
// ones among 0.1 to 1 (docs/quality.md, "Category").
// NOTE: the size rests on those 116 questions, which the signals were partly written from.
const CAUSE_CATEGORY_BOOST = 0.2;

/** Returns the boost of every category of a cause's products and types. */
function causeBoosts(cause: RootCauseEntry): Map<string, number> {
  const boosts = new Map<string, number>();
  for (const product of cause.products) {
    for (const type of cause.types) boosts.set(`${product}｜${type}`, CAUSE_CATEGORY_BOOST);
  }
  return boosts;
}

// Product confidence from which the predicted product is trusted: leave-one-out on the sample,
// the product was right for 23 of the 25 predictions at 0.8 or more, and for 2 of 5 between 0.7
// and 0.8.
const MIN_PRODUCT_CONFIDENCE = 0.8;

// Matches searched for cases of the question's own root cause, and how many of them may join
// the similar cases. On the sample, "CDN 上传了自己的证书，HTTPS 配置一直显示处理中" ranked the three
// cases of its cause 7th, 9th and 11th.
const SAME_CAUSE_POOL = 20;
const MAX_SAME_CAUSE = 2;

/**
 * Triages new questions against a store. Loading the category model and the rules once and
 * reusing them keeps each question's cost to the index look-ups it needs.
 */
export class Triage {
  private constructor(
    private readonly store: Store,
    private readonly model: CategoryModel,
    private readonly knowledge: Knowledge,
    private readonly faqEntries: FaqEntry[],
    private readonly llm: LlmConfig | null,
  ) {}

  /** Loads the category model, the knowledge files and the approved FAQ entries. */
  static async open(store: Store, options: TriageSetup = {}): Promise<Triage> {
    const approved = await listFaqEntries(store, 'approved');
    const knowledge = options.knowledge ?? bundledKnowledge();
    return new Triage(
      store,
      await CategoryModel.load(store, { vocabularySize: options.vocabularySize }),
      knowledge,
      approved,
      options.llm ?? null,
    );
  }

  /** Number of distinct terms in the category model. */
  get vocabularySize(): number {
    return this.model.vocabularySize;
  }

  /** Redacts the question, then predicts its category, finds similar cases and drafts a reply. */
  async run(question: string, options: TriageOptions = {}): Promise<TriageResult> {
    const redacted = redact(question);
    const query = redacted.text;
    // Contact details tell nothing of the problem: a question that gave its name, phone, ID number
    // and password was filed under 账户问题 for their placeholders and labels alone.
    const terms = topicTerms(query);

    const limit = options.limit ?? 5;
    const minSimilarShare = options.minSimilarShare ?? 0.25;
    const exclude = options.exclude;
    // The category needs only the model's rows and the search only the index: ask both at once.
    const plan = await planSearch(this.store, query);
    const [found, categoryScores] = await Promise.all([
      // Weak hits stay: the similar list has its own floor, applied once `exclude` is out.
      searchCases(this.store, query, { limit: limit + (exclude ? 1 : 0), plan, keepWeak: true }),
      this.model.scores(terms, options.heldOut),
    ]);
    const modelCategory = this.model.predictFromScores(categoryScores);
    const notExcluded = (hit: SearchHit) =>
      !(exclude && hit.source === exclude.source && hit.ref === exclude.ref);
    let hits = found.filter(notExcluded).slice(0, limit);
    const floor = (hits[0]?.score ?? 0) * minSimilarShare;
    // A question of one word names a topic, not a problem, and a question about another
    // provider's service is outside the playbook: neither gets a root cause.
    const otherProvider = findOtherProvider(query);
    const rootCause =
      wordParts(terms) >= QUESTION_MIN_WORDS && otherProvider === null
        ? this.inferRootCause(query, hits, modelCategory)
        : null;
    // Only a cause found in the question's own words orders the cases, points to a category and
    // shapes the draft: one voted by the hits alone would let weak hits make each other relevant.
    const ownCause = rootCause && rootCause.evidence.length > 0 ? rootCause.code : undefined;
    if (ownCause) {
      hits = await this.withSameCause(query, hits, ownCause, { limit, plan, notExcluded });
      hits = sameCauseFirst(hits, ownCause);
    }
    const cause = rootCause ? this.knowledge.taxonomy.byCode.get(rootCause.code) : undefined;
    const category =
      ownCause && cause
        ? this.model.predictFromScores(categoryScores, causeBoosts(cause))
        : modelCategory;
    const faq = matchFaq(this.faqEntries, terms, rootCause?.code ?? null);
    const bestFaq = faq[0];

    // Our agents' answers are about this platform, so they are not quoted to a question about
    // another provider's service.
    let reply = otherProvider
      ? null
      : draftReply(hits, [...new Set(terms)], {
          rootCauseCode: ownCause,
          fixSteps: cause?.fix,
          faq: bestFaq ? { steps: bestFaq.steps, refs: bestFaq.refs } : undefined,
          termWeights: new Map(plan.terms.map((term) => [term.term, term.idf])),
          product: category
            ? { name: category.product, confidence: category.productConfidence }
            : undefined,
          minProductConfidence: MIN_PRODUCT_CONFIDENCE,
          question: query,
        });
    // The model only rewrites a draft that has sources: with nothing relevant there is no reply.
    if (reply && this.llm) {
      const relevant = hits.filter((hit) => reply!.sources.includes(hit.ref));
      const generated = await generateReply(this.llm, query, relevant, cause?.fix ?? [], reply);
      reply = generated.fallbackReason
        ? { ...generated.reply, note: generated.fallbackReason }
        : generated.reply;
    }

    return {
      query,
      category,
      rootCause,
      // A case stored with the cause the question's words show is no chance match, however few
      // words they share ("只让开两千七百多" and "只能开2732.28元").
      similar: hits.every((hit) => isChanceMatch(hit) && hit.case.rootCauseCode !== ownCause)
        ? []
        : hits.filter((hit) => hit.score >= floor).map(toSimilar),
      reply,
      needsHuman: this.needsHuman(query, rootCause),
      faq,
      redactions: redacted.entities.map((e) => ({ type: e.type, placeholder: e.placeholder })),
      otherProvider,
    };
  }

  /**
   * Makes room among `hits` for cases stored with the root cause that the question's own words
   * show, when none of the hits has it. Such cases are looked for among the best
   * `SAME_CAUSE_POOL` matches and take the last places, up to `MAX_SAME_CAUSE` of them. Customers
   * word one problem in many ways ("HTTPS 配置一直显示处理中" and "修改 HTTPS 配置一直在处理中"),
   * and a word such as 上传 may rank cases of another problem first.
   */
  private async withSameCause(
    query: string,
    hits: SearchHit[],
    code: string,
    options: { limit: number; plan: QueryPlan; notExcluded: (hit: SearchHit) => boolean },
  ): Promise<SearchHit[]> {
    if (hits.some((hit) => hit.case.rootCauseCode === code)) return hits;
    const listed = new Set(hits.map((hit) => hit.caseId));
    const wider = await searchCases(this.store, query, {
      limit: SAME_CAUSE_POOL,
      plan: options.plan,
      keepWeak: true,
    });
    const sameCause = wider
      .filter((hit) => options.notExcluded(hit) && !listed.has(hit.caseId))
      .filter((hit) => hit.case.rootCauseCode === code)
      .slice(0, MAX_SAME_CAUSE);
    if (sameCause.length === 0) return hits;
    return [...hits.slice(0, Math.max(0, options.limit - sameCause.length)), ...sameCause];
  }

  /**
   * Combines the question's own signals with the root causes of the similar cases. With a
   * confidently predicted category, signals of causes of other products are left out, so that
   * "帮忙解绑一下" in a question about two-factor login does not outvote it with a CDN cause.
   */
  private inferRootCause(
    query: string,
    hits: SearchHit[],
    category: CategoryPrediction | null,
  ): RootCause | null {
    const { taxonomy } = this.knowledge;
    const confident = category !== null && category.productConfidence >= MIN_PRODUCT_CONFIDENCE;
    const matches = matchRootCauses(query, taxonomy).filter(
      (match) =>
        !confident ||
        (taxonomy.byCode.get(match.code)?.products.includes(category.product) ?? true),
    );
    const neighbours = hits.map((hit) => ({ code: hit.case.rootCauseCode, score: hit.score }));
    const inferred = inferRootCause(matches, neighbours, { taxonomy });
    if (!inferred) return null;
    return {
      ...inferred,
      confidence: Math.round(inferred.confidence * 1000) / 1000,
      fix: [...(taxonomy.byCode.get(inferred.code)?.fix ?? [])],
    };
  }

  /** Applies the needs-human rules, and adds the root cause's human action when it has one. */
  private needsHuman(query: string, rootCause: RootCause | null): NeedsHuman {
    const verdict = detectNeedsHuman(query, this.knowledge.needsHumanRules);
    const cause = rootCause ? this.knowledge.taxonomy.byCode.get(rootCause.code) : undefined;
    const known = new Set(verdict.reasons.map((r) => r.reason));
    if (cause?.needsHuman && cause.humanReason && !known.has(cause.humanReason)) {
      // The cause names the action (后台介入). Its own task, else the rules file's, is what to do.
      const rule = this.knowledge.needsHumanRules.find((r) => r.reason === cause.humanReason);
      verdict.reasons.push({
        reason: cause.humanReason,
        label: cause.humanAction ?? rule?.label ?? cause.humanReason,
        action: cause.humanTask ?? rule?.action ?? cause.humanAction ?? cause.humanReason,
        evidence: cause.label,
      });
    }
    return { value: verdict.reasons.length > 0, reasons: verdict.reasons };
  }
}

/**
 * Moves the hits stored with the question's own root cause ahead of the others when they score
 * at least `SAME_CAUSE_FIRST_SHARE` of the best hit. Each group keeps its order. Such a case can
 * rank below one that shares more words: for "换了新手机…两步验证", a phone change ranked first.
 */
function sameCauseFirst(hits: SearchHit[], code: string): SearchHit[] {
  const floor = (hits[0]?.score ?? 0) * SAME_CAUSE_FIRST_SHARE;
  const first = hits.filter((hit) => hit.case.rootCauseCode === code && hit.score >= floor);
  return [...first, ...hits.filter((hit) => !first.includes(hit))];
}
