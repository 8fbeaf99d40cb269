package org.sparsify.graph.spectral;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.distributed.BlockMatrix;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * A distributed n × width matrix stored as an MLlib {@link BlockMatrix} with one column of blocks:
 * block (p, 0) is a dense column-major matrix with the rows of part p of a {@link RowLayout}, and
 * partition p of the block RDD holds exactly that block.
 *
 * <p>Because every {@code RowBlocks} of one layout is aligned partition by partition, element-wise
 * combinations run through {@code zipPartitions} without a shuffle. Nothing of size n reaches the
 * driver.
 */
public final class RowBlocks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RowLayout layout;
  private final int width;
  private final transient JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> blocks;

  RowBlocks(RowLayout layout, int width, JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> blocks) {
    this.layout = layout;
    this.width = width;
    this.blocks = blocks;
  }

  /** Element-wise function of one block, given the part's first row and the block. */
  @FunctionalInterface
  public interface BlockFunction extends Serializable {
    DenseMatrix apply(long firstRow, DenseMatrix block) throws Exception;
  }

  /** Element-wise function of two aligned blocks. */
  @FunctionalInterface
  public interface BlockFunction2 extends Serializable {
    DenseMatrix apply(long firstRow, DenseMatrix left, DenseMatrix right) throws Exception;
  }

  /** Fills one block from the part's first row and row count. */
  @FunctionalInterface
  public interface BlockGenerator extends Serializable {
    DenseMatrix generate(long firstRow, int rows);
  }

  /** Returns an n × width matrix whose block for each part is produced by {@code generator}. */
  public static RowBlocks generate(JavaSparkContext sc, RowLayout layout, int width, BlockGenerator generator) {
    List<Integer> parts = new ArrayList<>();
    for (int p = 0; p < layout.numParts(); p++) {
      parts.add(p);
    }
    JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> blocks =
        sc.parallelize(parts, layout.numParts())
            .map(part -> wrap(part, generator.generate(layout.firstRow(part), layout.rowsIn(part))));
    return new RowBlocks(layout, width, blocks);
  }

  /** Returns the row layout. */
  public RowLayout layout() {
    return layout;
  }

  /** Returns the number of columns. */
  public int width() {
    return width;
  }

  /** Returns the blocks, one per partition. */
  public JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> blocks() {
    return blocks;
  }

  /** Returns this matrix as an MLlib {@link BlockMatrix} (the same RDD, no copy). */
  public BlockMatrix toBlockMatrix() {
    return new BlockMatrix(blocks.rdd(), layout.rowsPerPart(), Math.max(1, width), layout.numRows(), width);
  }

  /** Returns the rows (node index, first {@code columns} values), in the layout's partitions. */
  public JavaPairRDD<Long, double[]> rows(int columns) {
    int kept = Math.min(columns, width);
    return blocks.flatMapToPair(
        entry -> {
          DenseMatrix block = (DenseMatrix) entry._2();
          long first = layout.firstRow((Integer) entry._1()._1());
          List<Tuple2<Long, double[]>> rows = new ArrayList<>(block.numRows());
          for (int r = 0; r < block.numRows(); r++) {
            double[] row = new double[kept];
            for (int c = 0; c < kept; c++) {
              row[c] = block.values()[r + c * block.numRows()];
            }
            rows.add(new Tuple2<>(first + r, row));
          }
          return rows.iterator();
        });
  }

  /** Returns f applied block by block, as a new matrix of width {@code newWidth}. */
  public RowBlocks map(int newWidth, BlockFunction f) {
    RowLayout rowLayout = layout;
    JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> mapped =
        blocks.map(
            entry -> {
              int part = (Integer) entry._1()._1();
              return wrap(part, f.apply(rowLayout.firstRow(part), (DenseMatrix) entry._2()));
            });
    return new RowBlocks(layout, newWidth, mapped);
  }

  /** Returns f applied to the aligned blocks of this matrix and {@code other}. */
  public RowBlocks zip(RowBlocks other, int newWidth, BlockFunction2 f) {
    RowLayout rowLayout = layout;
    JavaRDD<Tuple2<Tuple2<Object, Object>, Matrix>> zipped =
        blocks.zipPartitions(
            other.blocks,
            (left, right) -> {
              Tuple2<Tuple2<Object, Object>, Matrix> a = left.next();
              int part = (Integer) a._1()._1();
              DenseMatrix result = f.apply(rowLayout.firstRow(part), (DenseMatrix) a._2(), single(right));
              return Collections.singletonList(wrap(part, result)).iterator();
            });
    return new RowBlocks(layout, newWidth, zipped);
  }

  /** Persists the blocks in memory, spilling to disk, and returns this. */
  public RowBlocks persist() {
    blocks.persist(StorageLevel.MEMORY_AND_DISK());
    return this;
  }

  /** Removes the blocks from the cache without blocking. */
  public void unpersist() {
    blocks.unpersist(false);
  }

  static Tuple2<Tuple2<Object, Object>, Matrix> wrap(int part, DenseMatrix block) {
    return new Tuple2<>(new Tuple2<>(part, 0), block);
  }

  /** Returns the one block of a partition, failing loudly if the alignment invariant is broken. */
  static DenseMatrix single(Iterator<Tuple2<Tuple2<Object, Object>, Matrix>> partition) {
    if (!partition.hasNext()) {
      throw new IllegalStateException("a partition of a row-block matrix contains no block; the partitions of two aligned matrices differ");
    }
    DenseMatrix block = (DenseMatrix) partition.next()._2();
    if (partition.hasNext()) {
      throw new IllegalStateException("a partition of a row-block matrix contains more than one block; the partitions of two aligned matrices differ");
    }
    return block;
  }
}
