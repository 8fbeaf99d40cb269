package org.sparsify.jobs;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Runs a job on one dated partition of a dump: it reads {@code INPUT_ROOT/dt=YYYY-MM-DD} and writes
 * {@code OUTPUT_ROOT/dt=YYYY-MM-DD}, for schedulers (cron, Airflow, the Kubernetes Spark operator)
 * that run the same command every day.
 *
 * <pre>
 * DatedRun (--date YYYY-MM-DD | --days-ago N) --input-root URI --output-root URI
 *          [--input-option NAME] JOB [JOB OPTIONS]
 * </pre>
 *
 * <p>A date whose output is committed ({@code _SUCCESS} and {@code metrics.json} present) is
 * skipped without starting Spark. An output directory without them is what a failed or killed run
 * left, and the job replaces it ({@code --overwrite}). {@code --days-ago} counts days back from
 * today in UTC.
 *
 * <p>Exit codes: 0 when the job succeeded or the date was already committed, 3 when the input
 * for the date does not exist (the dump has not arrived, so a scheduler may retry later), 2 for
 * invalid arguments, otherwise the job's own exit code.
 */
public final class DatedRun {

  private static final Logger LOG = LoggerFactory.getLogger(DatedRun.class);

  /** Exit code when the dated input directory does not exist. */
  public static final int INPUT_MISSING = 3;

  private static final String USAGE =
      "Usage: DatedRun (--date YYYY-MM-DD | --days-ago N) --input-root URI --output-root URI"
          + " [--input-option NAME] JOB [JOB OPTIONS]\n"
          + "Runs JOB on INPUT_ROOT/dt=DATE, writing OUTPUT_ROOT/dt=DATE. Skips a date whose output has\n"
          + "_SUCCESS and metrics.json, and replaces a partial output left by a failed run.\n"
          + "  --date YYYY-MM-DD      the date to process\n"
          + "  --days-ago N           the date N days before today (UTC); 1 is yesterday\n"
          + "  --input-root URI       folder that holds the dt=YYYY-MM-DD input folders (any Hadoop path)\n"
          + "  --output-root URI      folder that receives the dt=YYYY-MM-DD output folders\n"
          + "  --input-option NAME    job option that takes the input path (default: input; logreg: train)\n"
          + "Exit codes: 0 done or already committed, 3 input for the date not found, 2 invalid arguments,\n"
          + "otherwise the job's exit code.\n";

  /** One dated run: the resolved date, roots, job and the job's own options. */
  public record Request(
      LocalDate date, String inputRoot, String outputRoot, String inputOption, String job, List<String> jobArgs) {

    /** Returns {@code INPUT_ROOT/dt=DATE}. */
    public String input() {
      return partition(inputRoot);
    }

    /** Returns {@code OUTPUT_ROOT/dt=DATE}. */
    public String output() {
      return partition(outputRoot);
    }

    private String partition(String root) {
      return root.replaceFirst("/+$", "") + "/dt=" + date;
    }
  }

  /** State of a dated output path. */
  enum OutputState {
    MISSING,
    /** {@code _SUCCESS} and {@code metrics.json} exist. */
    COMMITTED,
    /** The directory exists without both markers: a failed run left it. */
    PARTIAL
  }

  private DatedRun() {}

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the dated request in {@code args} and returns the exit code. */
  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    Request request;
    try {
      request = parse(args, LocalDate.now(ZoneOffset.UTC));
    } catch (IllegalArgumentException e) {
      System.err.println("DatedRun: " + e.getMessage());
      return 2;
    }
    try {
      return run(request, hadoopConfiguration());
    } catch (IOException e) {
      LOG.error("dated run of {} for {} failed while checking its paths", request.job(), request.date(), e);
      System.err.println("DatedRun: cannot check " + request.input() + " or " + request.output() + ": " + e);
      return 1;
    }
  }

  /** Checks the dated paths, then skips the date or runs the job on it. */
  static int run(Request request, Configuration conf) throws IOException {
    LOG.info("dated run: job {}, date {}, input {}, output {}",
        request.job(), request.date(), request.input(), request.output());
    OutputState state = outputState(new Path(request.output()), conf);
    if (state == OutputState.COMMITTED) {
      LOG.info("{} is already committed; skipping {}", request.output(), request.date());
      return 0;
    }
    Path input = new Path(request.input());
    if (!input.getFileSystem(conf).exists(input)) {
      LOG.error("input {} for {} not found", input, request.date());
      System.err.println("DatedRun: input " + input + " not found: the dump for " + request.date()
          + " has not arrived yet, or --input-root is wrong");
      return INPUT_MISSING;
    }
    if (state == OutputState.PARTIAL) {
      LOG.warn("{} has no _SUCCESS or no metrics.json: a failed run left it; replacing it", request.output());
    }
    return Main.run(jobArguments(request, state == OutputState.PARTIAL));
  }

  /** Returns whether {@code output} is missing, committed or partial. */
  static OutputState outputState(Path output, Configuration conf) throws IOException {
    FileSystem fs = output.getFileSystem(conf);
    if (!fs.exists(output)) {
      return OutputState.MISSING;
    }
    boolean committed = fs.exists(new Path(output, "_SUCCESS")) && fs.exists(new Path(output, "metrics.json"));
    return committed ? OutputState.COMMITTED : OutputState.PARTIAL;
  }

  /** Returns {@code JOB --INPUT_OPTION input --output output [--overwrite] JOB_OPTIONS}. */
  static String[] jobArguments(Request request, boolean overwrite) {
    List<String> args = new ArrayList<>();
    args.add(request.job());
    args.addAll(List.of("--" + request.inputOption(), request.input(), "--output", request.output()));
    if (overwrite && !request.jobArgs().contains("--overwrite")) {
      args.add("--overwrite");
    }
    args.addAll(request.jobArgs());
    return args.toArray(String[]::new);
  }

  /**
   * Parses the dated-run options up to the job name; the rest are the job's options. Parsing
   * checks no path, so schedulers' manifests can be validated without a file system.
   *
   * @throws IllegalArgumentException for a missing or invalid option, naming it and its value
   */
  public static Request parse(String[] args, LocalDate today) {
    LocalDate date = null;
    String inputRoot = null;
    String outputRoot = null;
    String inputOption = "input";
    int i = 0;
    while (i < args.length && args[i].startsWith("--")) {
      String name = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value; run with --help");
      }
      String value = args[i + 1];
      switch (name) {
        case "--date" -> date = parseDate(value);
        case "--days-ago" -> date = today.minusDays(parseDaysAgo(value));
        case "--input-root" -> inputRoot = value;
        case "--output-root" -> outputRoot = value;
        case "--input-option" -> inputOption = value.replaceFirst("^--", "");
        default -> throw new IllegalArgumentException(
            "unknown option " + name + " before the job name; run with --help");
      }
      i += 2;
    }
    if (i >= args.length) {
      throw new IllegalArgumentException("missing job name after the dated-run options; run with --help");
    }
    List<String> jobArgs = Arrays.asList(args).subList(i + 1, args.length);
    Request request = new Request(date, inputRoot, outputRoot, inputOption, args[i], List.copyOf(jobArgs));
    check(request);
    return request;
  }

  private static void check(Request request) {
    if (request.date() == null) {
      throw new IllegalArgumentException("missing --date YYYY-MM-DD or --days-ago N");
    }
    if (request.inputRoot() == null || request.outputRoot() == null) {
      throw new IllegalArgumentException("missing --input-root or --output-root");
    }
    for (String owned : List.of("--output", "--" + request.inputOption())) {
      if (request.jobArgs().stream().anyMatch(arg -> arg.equals(owned) || arg.startsWith(owned + "="))) {
        throw new IllegalArgumentException(
            "job option " + owned + " is set from the dated roots; remove it from the job options");
      }
    }
  }

  private static LocalDate parseDate(String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--date must be a date YYYY-MM-DD but was '" + value + "'", e);
    }
  }

  private static long parseDaysAgo(String value) {
    long days;
    try {
      days = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--days-ago must be an integer but was '" + value + "'", e);
    }
    if (days < 0 || days > 36_500) {
      throw new IllegalArgumentException("--days-ago must be in [0, 36500] but was " + days);
    }
    return days;
  }

  /** Returns a Hadoop configuration with the {@code spark.hadoop.*} settings that spark-submit set. */
  private static Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    for (Tuple2<String, String> entry : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
      conf.set(entry._1(), entry._2());
    }
    return conf;
  }
}
