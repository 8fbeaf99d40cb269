package org.sparsify.graph.io;

/**
 * Sorts three parallel arrays (first key, second key, weight) in place, by the first key, then the
 * second, then the weight.
 *
 * <p>Introsort: quicksort with Hoare's partition around a median-of-three pivot, insertion sort
 * for short ranges, and heapsort when the recursion gets deeper than 2·log2(n), which bounds the
 * worst case at O(n log n). Not stable, which does not matter because equal entries are identical.
 */
final class TripleSort {

  private static final int INSERTION_SORT_MAX = 16;

  private final long[] first;
  private final long[] second;
  private final double[] weight;

  private TripleSort(long[] first, long[] second, double[] weight) {
    this.first = first;
    this.second = second;
    this.weight = weight;
  }

  /** Sorts the entries with indices in [from, to). */
  static void sort(long[] first, long[] second, double[] weight, int from, int to) {
    int depthLimit = 2 * (32 - Integer.numberOfLeadingZeros(Math.max(1, to - from)));
    sort(first, second, weight, from, to, depthLimit);
  }

  /** Sorts like {@link #sort(long[], long[], double[], int, int)}; tests pass 0 to run heapsort. */
  static void sort(long[] first, long[] second, double[] weight, int from, int to, int depthLimit) {
    new TripleSort(first, second, weight).quicksort(from, to, depthLimit);
  }

  private void quicksort(int from, int to, int depthLimit) {
    while (to - from > INSERTION_SORT_MAX) {
      if (depthLimit-- == 0) {
        heapsort(from, to);
        return;
      }
      int split = partition(from, to);

      // Recurse into the smaller side and loop on the larger, so the stack stays O(log n).
      if (split - from < to - split) {
        quicksort(from, split, depthLimit);
        from = split;
      } else {
        quicksort(split, to, depthLimit);
        to = split;
      }
    }
    insertionSort(from, to);
  }

  /**
   * Hoare's partition around the median of the first, middle and last entries, which this method
   * first puts in order. Returns s with from < s < to, every entry in [from, s) at most the pivot
   * and every entry in [s, to) at least the pivot. Sorted, reversed and constant ranges split evenly.
   */
  private int partition(int from, int to) {
    int middle = from + (to - from) / 2;
    int last = to - 1;
    if (compare(middle, from) < 0) {
      swap(middle, from);
    }
    if (compare(last, middle) < 0) {
      swap(last, middle);
      if (compare(middle, from) < 0) {
        swap(middle, from);
      }
    }
    long pivotFirst = first[middle];
    long pivotSecond = second[middle];
    double pivotWeight = weight[middle];

    int i = from - 1;
    int j = to;
    while (true) {
      do {
        i++;
      } while (compareTo(i, pivotFirst, pivotSecond, pivotWeight) < 0);
      do {
        j--;
      } while (compareTo(j, pivotFirst, pivotSecond, pivotWeight) > 0);
      if (i >= j) {
        return j + 1;
      }
      swap(i, j);
    }
  }

  private int compareTo(int i, long otherFirst, long otherSecond, double otherWeight) {
    int order = Long.compare(first[i], otherFirst);
    if (order != 0) {
      return order;
    }
    order = Long.compare(second[i], otherSecond);
    return order != 0 ? order : Double.compare(weight[i], otherWeight);
  }

  private int compare(int i, int j) {
    return compareTo(i, first[j], second[j], weight[j]);
  }

  private void insertionSort(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      for (int j = i; j > from && compare(j - 1, j) > 0; j--) {
        swap(j - 1, j);
      }
    }
  }

  private void heapsort(int from, int to) {
    int n = to - from;
    for (int root = n / 2 - 1; root >= 0; root--) {
      siftDown(from, root, n);
    }
    for (int end = n - 1; end > 0; end--) {
      swap(from, from + end);
      siftDown(from, 0, end);
    }
  }

  /** Restores the max-heap property below {@code root} in the heap of {@code n} entries at {@code base}. */
  private void siftDown(int base, int root, int n) {
    while (true) {
      int child = 2 * root + 1;
      if (child >= n) {
        return;
      }
      if (child + 1 < n && compare(base + child, base + child + 1) < 0) {
        child++;
      }
      if (compare(base + root, base + child) >= 0) {
        return;
      }
      swap(base + root, base + child);
      root = child;
    }
  }

  private void swap(int i, int j) {
    long f = first[i];
    first[i] = first[j];
    first[j] = f;
    long s = second[i];
    second[i] = second[j];
    second[j] = s;
    double w = weight[i];
    weight[i] = weight[j];
    weight[j] = w;
  }
}
