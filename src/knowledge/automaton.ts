/** One occurrence of a phrase found by `PhraseAutomaton.search`. */
export interface PhraseHit {
  /** Index of the phrase in the list the automaton was built from. */
  phrase: number;
  /** Start offset (UTF-16 units) in the searched text. */
  start: number;
  /** End offset (exclusive) in the searched text. */
  end: number;
}

/**
 * Aho-Corasick automaton over UTF-16 code units: finds every occurrence of many phrases in one
 * pass, in time linear in the text length plus the number of hits.
 */
export class PhraseAutomaton {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Phrase indices that end at each state, including those reached through failure links. */
  private readonly output: number[][] = [[]];
  private readonly lengths: number[];

  constructor(phrases: readonly string[]) {
    this.lengths = phrases.map((phrase) => phrase.length);
    phrases.forEach((phrase, index) => this.insert(phrase, index));
    this.linkFailures();
  }

  /** Returns every occurrence of every phrase in `text`, ordered by end offset. */
  search(text: string): PhraseHit[] {
    const hits: PhraseHit[] = [];
    let state = 0;

    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      while (state !== 0 && !this.next[state].has(unit)) state = this.fail[state];
      state = this.next[state].get(unit) ?? 0;

      for (const phrase of this.output[state]) {
        hits.push({ phrase, start: i + 1 - this.lengths[phrase], end: i + 1 });
      }
    }
    return hits;
  }

  private insert(phrase: string, index: number): void {
    let state = 0;
    for (let i = 0; i < phrase.length; i++) {
      const unit = phrase.charCodeAt(i);
      let target = this.next[state].get(unit);
      if (target === undefined) {
        target = this.next.length;
        this.next.push(new Map());
        this.fail.push(0);
        this.output.push([]);
        this.next[state].set(unit, target);
      }
      state = target;
    }
    this.output[state].push(index);
  }

  /** Sets failure links breadth-first and merges each state's outputs with its failure state's. */
  private linkFailures(): void {
    const queue: number[] = [...this.next[0].values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      for (const [unit, child] of this.next[state]) {
        let fallback = this.fail[state];
        while (fallback !== 0 && !this.next[fallback].has(unit)) fallback = this.fail[fallback];
        const target = this.next[fallback].get(unit);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        this.output[child] = [...this.output[child], ...this.output[this.fail[child]]];
        queue.push(child);
      }
    }
  }
}
