package org.sparsify.graph.clustering;

import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparsify.graph.WeightedEdge;
import scala.Tuple2;

/**
 * Labels nodes by the majority cluster of their neighbours in a graph, in rounds: a node labelled in
 * one round counts as a neighbour in the next. Each node counts one vote per labelled neighbour
 * (edge weights are ignored); a tie goes to the smaller cluster id.
 *
 * <p>Cost per round: one join of the arcs that end at a pending node with the current labels, so
 * O(arcs of pending nodes) shuffled; nothing of size n reaches the driver. Results do not depend on
 * partitioning (integer votes, deterministic tie rule).
 */
final class NeighborRepair {

  private NeighborRepair() {}

  /** Labels repaired so far and how many rounds ran. */
  record Outcome(JavaPairRDD<Long, Integer> repaired, int rounds) {}

  static Outcome run(
      JavaRDD<WeightedEdge> edges, JavaPairRDD<Long, Integer> labelled, JavaPairRDD<Long, Boolean> pending, int maxRounds) {
    // Arcs (neighbour -> pending node), restricted once to the nodes that need a label.
    JavaPairRDD<Long, Long> arcsToPending =
        edges
            .flatMapToPair(e -> List.of(new Tuple2<>(e.src(), e.dst()), new Tuple2<>(e.dst(), e.src())).iterator())
            .join(pending)
            .mapToPair(entry -> new Tuple2<>(entry._2()._1(), entry._1()))
            .persist(StorageLevel.MEMORY_AND_DISK());

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
