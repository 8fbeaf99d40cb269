package org.sparsify.graph.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sparsify.graph.WeightedEdge;
import org.sparsify.graph.io.EdgeListOptions.MergeRule;
import scala.Tuple2;

class IndexedEdgesTest {

  /** An edge line as the tests list it: endpoints in input order and a weight. */
  private record Line(long u, long v, double weight) {}

  private static List<Line> randomLines(int count, int nodes, boolean weighted, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Line> lines = new ArrayList<>();
    while (lines.size() < count) {
      long u = random.nextInt(nodes);
      long v = random.nextInt(nodes);
      if (u != v) {
        lines.add(new Line(u, v, weighted ? 0.1 + random.nextInt(50) / 7.0 : 1.0));
      }
    }
    return lines;
  }

  private static IndexedEdges block(List<Line> lines) {
    IndexedEdges block = new IndexedEdges(4);
    for (Line line : lines) {
      block.add(line.u(), line.v(), line.weight());
    }
    return block;
  }

  private static List<WeightedEdge> merged(IndexedEdges block, MergeRule rule) {
    List<WeightedEdge> out = new ArrayList<>();
    block.sortAndMerge(rule).forEachRemaining(out::add);
    return out;
  }

  /** Merges with a sorted map and sums each edge's weights in ascending order. */
  private static List<WeightedEdge> reference(List<Line> lines, MergeRule rule) {
    Map<List<Long>, List<Double>> byPair = new TreeMap<>((a, b) ->
        !a.get(0).equals(b.get(0)) ? Long.compare(a.get(0), b.get(0)) : Long.compare(a.get(1), b.get(1)));
    for (Line line : lines) {
      List<Long> pair = List.of(Math.min(line.u(), line.v()), Math.max(line.u(), line.v()));
      byPair.computeIfAbsent(pair, p -> new ArrayList<>()).add(line.weight());
    }
    List<WeightedEdge> out = new ArrayList<>();
    byPair.forEach((pair, weights) -> {
      Collections.sort(weights);
      double weight = rule == MergeRule.MAX ? weights.get(weights.size() - 1) : 0.0;
      if (rule == MergeRule.SUM) {
        for (double w : weights) {
          weight += w;
        }
      }
      out.add(new WeightedEdge(pair.get(0), pair.get(1), weight));
    });
    return out;
  }

  @Test
  void mergeMatchesReferenceUnderBothRules() {
    List<Line> lines = randomLines(20_000, 300, true, 7);
    for (MergeRule rule : MergeRule.values()) {
      assertEquals(reference(lines, rule), merged(block(lines), rule), rule.name());
    }
  }

  @Test
  void sumIsBitwiseSameForAnyLineOrder() {
    List<Line> lines = randomLines(5_000, 40, true, 11);
    List<WeightedEdge> first = merged(block(lines), MergeRule.SUM);
    Collections.shuffle(lines, new java.util.Random(3));
    List<WeightedEdge> shuffled = merged(block(lines), MergeRule.SUM);
    assertEquals(first, shuffled);
  }

  @Test
  void sortedReversedAndConstantInputs() {
    List<Line> sorted = new ArrayList<>();
    for (long u = 0; u < 300; u++) {
      for (long v = u + 1; v < u + 50; v++) {
        sorted.add(new Line(u, v, 1.0));
      }
    }
    List<Line> reversed = new ArrayList<>(sorted);
    Collections.reverse(reversed);
    List<Line> constant = Collections.nCopies(10_000, new Line(5, 3, 2.0));
    for (List<Line> lines : List.of(sorted, reversed, constant)) {
      assertEquals(reference(lines, MergeRule.SUM), merged(block(lines), MergeRule.SUM));
    }
    assertEquals(List.of(new WeightedEdge(3, 5, 20_000.0)), merged(block(constant), MergeRule.SUM));
  }

  @Test
  void bucketsPartitionTheLines() {
    List<Line> lines = randomLines(3_000, 100, false, 5);
    List<Tuple2<Integer, IndexedEdges>> parts = block(lines).splitByBucket(7);
    int total = 0;
    List<IndexedEdges> blocks = new ArrayList<>();
    for (Tuple2<Integer, IndexedEdges> part : parts) {
      total += part._2().size();
      blocks.add(part._2());
      for (WeightedEdge edge : merged(part._2(), MergeRule.MAX)) {
        assertEquals((int) part._1(), IndexedEdges.bucketOf(edge.src(), edge.dst(), 7));
      }
    }
    assertEquals(lines.size(), total);
    Iterator<IndexedEdges> all = blocks.iterator();
    assertEquals(reference(lines, MergeRule.SUM), merged(IndexedEdges.concat(all), MergeRule.SUM));
  }

  @Test
  void nodeIdUnionSeparatesConnectedIds() {
    NodeIdBlock a = new NodeIdBlock(new long[] {-5, 3, 9}, new long[] {4, 9});
    NodeIdBlock b = new NodeIdBlock(new long[] {3, 1L << 40}, new long[] {-7, 4});
    NodeIdBlock union = NodeIdBlock.union(List.of(a, b).iterator());
    assertArrayEquals(new long[] {-5, 3, 9, 1L << 40}, union.connected);
    assertArrayEquals(new long[] {-7, 4}, union.other);
    assertArrayEquals(new long[] {-7, -5, 3, 4, 9, 1L << 40}, NodeIdBlock.sortedIds(List.of(union)));
  }
}
