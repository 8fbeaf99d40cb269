package org.sparsify.graph.io;

import java.io.Serializable;

/**
 * One parsed input record before node ids are indexed: an edge line (possibly a self-loop), a
 * declared node, or a line skipped under {@link BadLinePolicy#SKIP}.
 *
 * @param <K> the node id type, {@code Long} or {@code String}
 */
final class RawEdge<K> implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind {
    EDGE,
    NODE,
    SKIPPED
  }

  final Kind kind;
  final K u;
  final K v;
  final double weight;

  private RawEdge(Kind kind, K u, K v, double weight) {
    this.kind = kind;
    this.u = u;
    this.v = v;
    this.weight = weight;
  }

  static <K> RawEdge<K> edge(K u, K v, double weight) {
    return new RawEdge<>(Kind.EDGE, u, v, weight);
  }

  static <K> RawEdge<K> node(K id) {
    return new RawEdge<>(Kind.NODE, id, id, 0.0);
  }

  static <K> RawEdge<K> skipped() {
    return new RawEdge<>(Kind.SKIPPED, null, null, 0.0);
  }

  boolean isSelfLoop() {
    return kind == Kind.EDGE && u.equals(v);
  }
}
