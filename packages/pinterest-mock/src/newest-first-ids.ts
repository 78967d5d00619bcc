/**
 * A board's Pin ids, newest first as every list answers them. A new Pin goes on top many times a second under
 * load, and `Array.prototype.unshift` copies the whole list each time (linear in the board's size), so ids are
 * kept in two arrays that only ever grow at their ends; the newest-first array is built on the first read after
 * a change.
 */
export class NewestFirstIds {
  /** Ids added on top, in the order added (the newest last). */
  private top: string[] = [];
  /** Ids added at the bottom, in the order added (the oldest last). */
  private bottom: string[] = [];
  private view: readonly string[] | undefined = [];

  get length(): number {
    return this.top.length + this.bottom.length;
  }

  /** Every id, newest first: one array shared by readers until the next change. */
  get list(): readonly string[] {
    if (!this.view) {
      const all: string[] = [];
      for (let i = this.top.length - 1; i >= 0; i--) all.push(this.top[i] as string);
      for (const id of this.bottom) all.push(id);
      this.view = all;
    }
    return this.view;
  }

  /** The `count` newest ids, without building the whole list. */
  newest(count: number): string[] {
    const ids: string[] = [];
    for (let i = this.top.length - 1; i >= 0 && ids.length < count; i--) ids.push(this.top[i] as string);
    for (let i = 0; i < this.bottom.length && ids.length < count; i++) ids.push(this.bottom[i] as string);
    return ids;
  }

  addNewest(id: string): void {
    this.top.push(id);
    this.view = undefined;
  }

  addOldest(id: string): void {
    this.bottom.push(id);
    this.view = undefined;
  }

  remove(id: string): void {
    this.top = this.top.filter((other) => other !== id);
    this.bottom = this.bottom.filter((other) => other !== id);
    this.view = undefined;
  }
}
