package org.sparsify.graph.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.graph.WeightedEdge;
import scala.Tuple2;

/**
 * Labels nodes by the majority cluster of their neighbours in a graph, in rounds: a node labelled in
 * one round counts as a neighbour in the next. Each node counts one vote per labelled neighbour
 * (edge weights are ignored); a tie goes to the smaller cluster id.
 *
 * <p>Cost: the arcs that end at a pending node are found once, by a map-side filter against a
 * broadcast sorted array of the pending ids when there are at most {@link #BROADCAST_LIMIT} of
 * them (no shuffle of the graph), otherwise by a join that shuffles every arc. Per round: one join
 * of those arcs with the current labels, so O(arcs of pending nodes) shuffled; nothing of size n
 * reaches the driver. Results do not depend on partitioning (integer votes, deterministic tie
 * rule).
 */
final class NeighborRepair {

  /** The maximum number of pending ids sent to every task as a sorted array (8 bytes each). */
  static final long BROADCAST_LIMIT = 4_000_000L;

  private NeighborRepair() {}

  /** Labels repaired so far and how many rounds ran. */
  record Outcome(JavaPairRDD<Long, Integer> repaired, int rounds) {}

  static Outcome run(
      JavaRDD<WeightedEdge> edges, JavaPairRDD<Long, Integer> labelled, JavaPairRDD<Long, Boolean> pending, int maxRounds) {
    return run(edges, labelled, pending, maxRounds, BROADCAST_LIMIT);
  }

  /** Runs up to {@code maxRounds} rounds, broadcasting the pending ids when there are at most {@code broadcastLimit}. */
  static Outcome run(
      JavaRDD<WeightedEdge> edges, JavaPairRDD<Long, Integer> labelled, JavaPairRDD<Long, Boolean> pending, int maxRounds,
      long broadcastLimit) {
    // Arcs (neighbour -> pending node), restricted once to the nodes that need a label.
    JavaPairRDD<Long, Long> arcsToPending =
        arcsTo(edges, pending, broadcastLimit).persist(StorageLevel.MEMORY_AND_DISK());

    JavaPairRDD<Long, Integer> known = labelled;
    JavaPairRDD<Long, Integer> repaired = labelled.filter(entry -> false);
    JavaPairRDD<Long, Boolean> remaining = pending;
    int rounds = 0;
    while (rounds < maxRounds) {
      JavaPairRDD<Long, Integer> newly = majority(arcsToPending.join(known).values().mapToPair(t -> t), remaining)
          .persist(StorageLevel.MEMORY_AND_DISK());
      rounds++;
      if (newly.isEmpty()) {
        break;
      }
      known = known.union(newly);
      repaired = repaired.union(newly);
      remaining = remaining.subtractByKey(newly);
    }
    return new Outcome(repaired, rounds);
  }

  /** Returns the arcs (neighbour, pending node) of {@code edges}. */
  private static JavaPairRDD<Long, Long> arcsTo(
      JavaRDD<WeightedEdge> edges, JavaPairRDD<Long, Boolean> pending, long broadcastLimit) {
    long count = pending.count();
    if (count > broadcastLimit) {
      return edges
          .flatMapToPair(e -> List.of(new Tuple2<>(e.src(), e.dst()), new Tuple2<>(e.dst(), e.src())).iterator())
          .join(pending)
          .mapToPair(entry -> new Tuple2<>(entry._2()._1(), entry._1()));
    }
    long[] ids = pending.keys().collect().stream().mapToLong(Long::longValue).sorted().toArray();
    Broadcast<long[]> sorted = JavaSparkContext.fromSparkContext(edges.context()).broadcast(ids);
    return edges.flatMapToPair(e -> {
      long[] pendingIds = sorted.value();
      List<Tuple2<Long, Long>> arcs = new ArrayList<>(2);
      if (Arrays.binarySearch(pendingIds, e.dst()) >= 0) {
        arcs.add(new Tuple2<>(e.src(), e.dst()));
      }
      if (Arrays.binarySearch(pendingIds, e.src()) >= 0) {
        arcs.add(new Tuple2<>(e.dst(), e.src()));
      }
      return arcs.iterator();
    });
  }

  /** Returns, for each pending node with a vote, the cluster with most votes (ties to the smaller id). */
  private static JavaPairRDD<Long, Integer> majority(JavaPairRDD<Long, Integer> votes, JavaPairRDD<Long, Boolean> pending) {
    return votes
        .join(pending)
        .mapToPair(entry -> new Tuple2<>(new Tuple2<>(entry._1(), entry._2()._1()), 1L))
        .reduceByKey(Long::sum)
        .mapToPair(entry -> new Tuple2<>(entry._1()._1(), new Tuple2<>(entry._1()._2(), entry._2())))
        .reduceByKey(NeighborRepair::moreVotes)
        .mapValues(Tuple2::_1);
  }

  private static Tuple2<Integer, Long> moreVotes(Tuple2<Integer, Long> a, Tuple2<Integer, Long> b) {
    if (!a._2().equals(b._2())) {
      return a._2() > b._2() ? a : b;
    }
    return a._1() <= b._1() ? a : b;
  }
}
