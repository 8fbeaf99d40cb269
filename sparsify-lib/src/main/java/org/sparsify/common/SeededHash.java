package org.sparsify.common;

/**
 * Stateless 64-bit hashing for randomised decisions that must not depend on how the data are
 * partitioned.
 *
 * <p>Every randomised step in Sparsify derives its randomness from the user's seed and the identity
 * of the item it decides on (an edge's endpoints, a node, a row), never from a per-partition random
 * generator. The same seed therefore gives the same result at any partition count, in any task
 * order and on task retries. The mixing function is the SplitMix64 finaliser (Steele, Lea and
 * Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), which passes BigCrush when
 * applied to a counter.
 */
public final class SeededHash {

  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private SeededHash() {}

  /** Returns the SplitMix64 finaliser of {@code z}: a bijective, well-mixed 64-bit value. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Hashes a seed and one key. */
  public static long hash(long seed, long key) {
    return mix64(mix64(seed + GOLDEN_GAMMA) ^ (key * GOLDEN_GAMMA));
  }

  /** Hashes a seed and an ordered pair of keys; {@code hash(s, a, b)} and {@code hash(s, b, a)} differ. */
  public static long hash(long seed, long first, long second) {
    return mix64(hash(seed, first) + (second + 1) * GOLDEN_GAMMA);
  }

  /** Hashes a seed, an ordered pair of keys and a stream number, for several independent draws per item. */
  public static long hash(long seed, long first, long second, long stream) {
    return mix64(hash(seed, first, second) ^ mix64(stream + GOLDEN_GAMMA));
  }

  /** Maps a hash to a double uniformly distributed in [0, 1), using its top 53 bits. */
  public static double toUnitInterval(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  /** Hashes a string (for example a string node id) to 64 bits, independently of the JVM. */
  public static long hashString(String text) {
    long h = 0x84222325CBF29CE4L;
    for (int i = 0; i < text.length(); i++) {
      h = mix64(h ^ text.charAt(i)) + GOLDEN_GAMMA;
    }
    return mix64(h ^ text.length());
  }
}
