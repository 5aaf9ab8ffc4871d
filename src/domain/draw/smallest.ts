/**
 * The `count` smallest items by `compare`, in ascending order. O(n log count) with a bounded
 * max-heap when count is small against n, a full sort otherwise. The input is not changed.
 */
export function smallest<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const k = Math.max(0, Math.min(count, items.length));
  if (k === 0) return [];
  if (k * 4 >= items.length) return [...items].sort(compare).slice(0, k);
  const heap: T[] = []; // max-heap of the k smallest so far
  const at = (i: number): T => heap[i] as T;
  const swap = (i: number, j: number) => {
    const t = at(i);
    heap[i] = at(j);
    heap[j] = t;
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (compare(at(i), at(parent)) <= 0) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(item, at(0)) < 0) {
      heap[0] = item;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let largest = i;
        if (l < k && compare(at(l), at(largest)) > 0) largest = l;
        if (r < k && compare(at(r), at(largest)) > 0) largest = r;
        if (largest === i) break;
        swap(i, largest);
        i = largest;
      }
    }
  }
  return heap.sort(compare);
}
