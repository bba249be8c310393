/**
 * The k best (score, document) pairs offered, in a min-heap: a query may touch most of
 * the collection, and sorting all of it only to keep 100 costs more than the scoring.
 * Ties go to the lower document number, so results do not depend on the order offered.
 */
export class TopK {
  private readonly docs: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(private readonly k: number) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  offer(d: number, score: number) {
    if (this.size < this.k) {
      this.docs[this.size] = d;
      this.scores[this.size] = score;
      this.up(this.size++);
    } else if (this.k && this.better(score, d, this.scores[0], this.docs[0])) {
      this.docs[0] = d;
      this.scores[0] = score;
      this.down(0);
    }
  }

  /** Best first. */
  sorted(): { d: number; score: number }[] {
    const out: { d: number; score: number }[] = [];
    for (let i = 0; i < this.size; i++) out.push({ d: this.docs[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.d - b.d);
  }

  private better(s1: number, d1: number, s2: number, d2: number) {
    return s1 > s2 || (s1 === s2 && d1 < d2);
  }

  private swap(i: number, j: number) {
    const d = this.docs[i];
    this.docs[i] = this.docs[j];
    this.docs[j] = d;
    const s = this.scores[i];
    this.scores[i] = this.scores[j];
    this.scores[j] = s;
  }

  /** The root holds the worst of the kept. */
  private up(i: number) {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.better(this.scores[parent], this.docs[parent], this.scores[i], this.docs[i])) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number) {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < this.size && this.better(this.scores[worst], this.docs[worst], this.scores[l], this.docs[l])) worst = l;
      if (r < this.size && this.better(this.scores[worst], this.docs[worst], this.scores[r], this.docs[r])) worst = r;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
