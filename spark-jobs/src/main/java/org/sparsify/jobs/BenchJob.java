package org.sparsify.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparsify.gradient.train.TrainerParams;
import org.sparsify.jobs.bench.BenchSuite;
import org.sparsify.jobs.cli.JobOptions;
import org.sparsify.jobs.io.MetricsJson;
import org.sparsify.jobs.io.OutputDirectory;

/**
 * The {@code bench} job: measures the graph pipeline against scikit-learn's SpectralClustering and
 * MLlib's PowerIterationClustering, and the compressed-gradient trainer against MLlib's
 * LogisticRegression, in one Spark session, and writes {@code bench.txt}, {@code bench.csv},
 * {@code bench.json} and {@code report.html} with its PNG plots.
 *
 * <p>Profiles: {@code quick} (the default) runs in minutes on two cores; {@code full} uses the
 * 200k-node / 2M-edge and 1M-node / 10M-edge planted graphs and a 2·10^7-feature synthetic set.
 * Options left unset take the profile's value; {@code --help} lists both.
 */
public final class BenchJob {

  private static final Logger LOG = LoggerFactory.getLogger(BenchJob.class);
  static final String NAME = "bench";

  private BenchJob() {}

  /** Returns the declared options of the job. */
  static JobOptions options() {
    JobOptions options = new JobOptions(NAME,
        "Benchmarks against scikit-learn SpectralClustering, MLlib PowerIterationClustering and MLlib LogisticRegression.");
    options
        .option("profile", "quick", "quick|full", "size profile; the options below marked 'profile' default to its values")
        .option("planted", null, "nodes:edges,...", "planted-partition graphs to generate (profile: quick 20000:200000; full 20000:200000,200000:2000000,1000000:10000000); 'none' for no planted graph")
        .option("planted-k", "10", "count", "clusters of the planted graphs")
        .option("planted-mixing", "0.1", "fraction", "fraction of planted edges that join two clusters")
        .option("gen-seed", "1", "integer", "seed of the generated graphs")
        .option("data-dir", null, "dir", "folder of the real data sets (email-Eu-core, facebook-page-page, a9a, rcv1-small); default: $SPARSIFY_DATA_DIR, skipped when unset")
        .option("p", "0.2", "probability", "sampling rate of our pipeline, compared with p = 1.0 in the same run")
        .option("seed", "42", "integer", "seed of sampling, solvers and k-means in every tool")
        .option("python", "/usr/bin/python3", "path", "Python interpreter that has scikit-learn")
        .option("sklearn-script", null, "path", "deploy/bench/sklearn_spectral.py; the scikit-learn comparison is skipped when unset")
        .option("sklearn-timeout", "1800", "seconds", "limit on one scikit-learn run")
        .option("pic-iterations", "20", "count", "MLlib PowerIterationClustering iterations")
        .option("pic-timeout", "900", "seconds", "limit on one MLlib PowerIterationClustering run; its jobs are cancelled after it")
        .option("synthetic", null, "rows:features:nonzeros[:rounds],...", "synthetic sparse classification sets, each with its own rounds if given (profile: quick 20000:1000000:20; full 20000:1000000:20,200000:20000000:50:20); 'none' to skip")
        .option("lr-rounds", null, "rounds", "rounds of our trainer (profile: quick 200; full 500)")
        .option("lr-workers", "4", "count", "workers of our trainer")
        .option("lr-step", "auto", "NUMBER|auto", "step size of our trainer; auto takes 1/L, L estimated on a sample")
        .option("lr-momentum", "0,0.9", "beta,...", "heavy-ball momentum values of our trainer; every compressor runs once per value")
        .option("lr-reg", "1e-4", "weight", "L2 regularisation R of both trainers")
        .option("lr-k", "0", "count", "K of topk and hard-threshold-auto; 0 means max(4, ceil(d/100))")
        .option("mllib-iterations", "100", "count", "maximum L-BFGS iterations of MLlib LogisticRegression")
        .flag("skip-graph", "skip the graph benchmarks")
        .flag("skip-gradient", "skip the gradient benchmarks")
        .flag("skip-pic", "skip MLlib PowerIterationClustering")
        .flag("keep-inputs", "keep the generated graphs and the spectral job outputs under work/")
        .option("output", null, "dir", "output directory (any Hadoop path); must not exist unless --overwrite")
        .flag("overwrite", "replace an existing output directory");
    return options;
  }

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job with the active (or a new) SparkSession and returns the exit code. */
  public static int run(String[] args) {
    return JobRunner.run(NAME, options(), args, BenchJob::execute);
  }

  private static void execute(SparkSession spark, JobOptions.Parsed options, OutputDirectory output,
      MetricsJson metrics) throws IOException {
    BenchSuite.Config config = config(options);
    List<String> planted = config.plantedSizes().stream().map(s -> s[0] + ":" + s[1]).toList();
    List<String> synthetic = config.synthetic().stream().map(Arrays::toString).toList();
    LOG.info("bench: profile {} resolves to planted {}, synthetic {}, lr-rounds {}, data dir {}", config.profile(),
        planted, synthetic, config.lrRounds(), config.dataDir());
    metrics.put("machine", machine()).put("started", Instant.now().toString()).put("planted", planted)
        .put("synthetic", synthetic).put("lr_rounds", config.lrRounds());
    BenchSuite.run(spark, config, output, metrics);
  }

  /** Resolves the options and the profile into the suite's configuration. */
  static BenchSuite.Config config(JobOptions.Parsed options) {
    String profile = options.required("profile");
    if (!profile.equals("quick") && !profile.equals("full")) {
      throw new IllegalArgumentException("--profile must be quick or full but was '" + profile + "'");
    }
    boolean full = profile.equals("full");
    String planted = orProfile(options, "planted",
        full ? "20000:200000,200000:2000000,1000000:10000000" : "20000:200000");
    String synthetic = orProfile(options, "synthetic",
        full ? "20000:1000000:20,200000:20000000:50:20" : "20000:1000000:20");
    int rounds = Integer.parseInt(orProfile(options, "lr-rounds", full ? "500" : "200"));
    String dataDir = options.has("data-dir") ? options.required("data-dir") : System.getenv("SPARSIFY_DATA_DIR");
    if (options.flag("skip-graph") && options.flag("skip-gradient")) {
      throw new IllegalArgumentException("--skip-graph and --skip-gradient together leave nothing to measure;"
          + " drop one of them");
    }
    double p = options.doubleValue("p");
    if (!(p > 0.0 && p <= 1.0)) {
      throw new IllegalArgumentException("--p must be in (0, 1] but was " + p);
    }
    return new BenchSuite.Config(profile, parseSizes(planted), options.intValue("planted-k"),
        options.doubleValue("planted-mixing"), options.longValue("gen-seed"),
        dataDir == null || dataDir.isBlank() ? null : dataDir, p, options.longValue("seed"),
        options.required("python"), options.string("sklearn-script"), options.longValue("sklearn-timeout"),
        options.intValue("pic-iterations"), options.longValue("pic-timeout"), parseSynthetic(synthetic), rounds, options.intValue("lr-workers"),
        TrainerParams.parseStep(options.required("lr-step")), parseMomenta(options.required("lr-momentum")),
        options.doubleValue("lr-reg"), options.intValue("lr-k"),
        options.intValue("mllib-iterations"), options.flag("skip-graph"), options.flag("skip-gradient"),
        options.flag("skip-pic"), options.flag("keep-inputs"));
  }

  private static String orProfile(JobOptions.Parsed options, String name, String profileValue) {
    return options.has(name) ? options.required(name) : profileValue;
  }

  /** Parses {@code nodes:edges,...}; "none" gives an empty list. */
  static List<long[]> parseSizes(String text) {
    List<long[]> sizes = new ArrayList<>();
    if (text.strip().equals("none")) {
      return sizes;
    }
    for (String item : text.split(",")) {
      long[] size = parseLongs(item, 2, 2, "--planted", "nodes:edges");
      if (size[0] < 2 || size[1] < 1) {
        throw new IllegalArgumentException("--planted needs at least 2 nodes and 1 edge but was '" + item.strip() + "'");
      }
      sizes.add(size);
    }
    return sizes;
  }

  /**
   * Parses {@code rows:features:nonzeros[:rounds],...} into arrays of four values (rounds 0 when
   * absent); "none" gives an empty list.
   */
  static List<long[]> parseSynthetic(String text) {
    List<long[]> sets = new ArrayList<>();
    if (text.strip().equals("none")) {
      return sets;
    }
    for (String item : text.split(",")) {
      long[] values = parseLongs(item, 3, 4, "--synthetic", "rows:features:nonzeros[:rounds]");
      boolean badRounds = values.length == 4 && (values[3] < 1 || values[3] > Integer.MAX_VALUE);
      if (values[0] < 1 || values[1] < 1 || values[1] > Integer.MAX_VALUE || values[2] < 1 || badRounds) {
        throw new IllegalArgumentException("--synthetic needs positive rows, features (at most 2^31 - 1) and "
            + "nonzeros, and rounds >= 1 when given, but one was '" + item.strip() + "'");
      }
      sets.add(Arrays.copyOf(values, 4));
    }
    return sets;
  }

  /** Parses a comma-separated list of momentum values, each in [0, 1). */
  static List<Double> parseMomenta(String text) {
    return JobOptions.parseNumbers("--lr-momentum", text, beta -> beta >= 0.0 && beta < 1.0, "[0, 1)");
  }

  /** Parses {@code minCount} to {@code maxCount} integers separated by ':'. */
  private static long[] parseLongs(String item, int minCount, int maxCount, String option, String form) {
    String[] parts = item.strip().split(":");
    if (parts.length < minCount || parts.length > maxCount) {
      throw new IllegalArgumentException(option + " items must look like " + form + " but one was '" + item.strip() + "'");
    }
    try {
      return Arrays.stream(parts).mapToLong(part -> Long.parseLong(part.strip())).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " items must be integers like " + form + " but one was '"
          + item.strip() + "'", e);
    }
  }

  /** Returns the processor count, memory and Java version of this machine. */
  static String machine() {
    long memKb = -1;
    try {
      for (String line : Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("MemTotal:")) {
          memKb = Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("cannot read /proc/meminfo for the machine description", e);
    }
    return Runtime.getRuntime().availableProcessors() + " processors, "
        + (memKb < 0 ? "unknown memory" : String.format(java.util.Locale.ROOT, "%.1f GiB memory", memKb / 1048576.0))
        + ", Java " + System.getProperty("java.version") + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }
}
