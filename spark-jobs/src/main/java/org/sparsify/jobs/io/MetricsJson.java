package org.sparsify.jobs.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metrics.json} of a job: an ordered map of numbers, strings, lists and nested maps,
 * serialised with Jackson (shipped with Spark).
 *
 * <p>NaN and infinite numbers are rejected, because JSON cannot represent them and a reader would
 * otherwise see a value that looks valid.
 */
public final class MetricsJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, Long> timingsMs = new LinkedHashMap<>();

  /** Sets {@code key}; numbers must be finite. */
  public MetricsJson put(String key, Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      throw new IllegalArgumentException("metric " + key + " must be finite but was " + d);
    }
    values.put(key, value);
    return this;
  }

  /** Records the wall time of a stage in milliseconds; stages keep their insertion order. */
  public MetricsJson timing(String stage, long millis) {
    timingsMs.merge(stage, millis, Long::sum);
    return this;
  }

  /** Returns the recorded value of {@code key}, or null. */
  public Object get(String key) {
    return values.get(key);
  }

  /** Returns the JSON text, with {@code timings_ms} last. */
  public String toJson() {
    Map<String, Object> all = new LinkedHashMap<>(values);
    all.put("timings_ms", timingsMs);
    try {
      return MAPPER.writeValueAsString(all) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise metrics: " + e.getMessage(), e);
    }
  }
}
