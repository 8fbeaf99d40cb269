package org.sparsify.jobs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Dispatches {@code JOB [OPTIONS]} to a job, for the local launcher and for {@code spark-submit}
 * without {@code --class}. Each job also has its own main class.
 */
public final class Main {

  private static final Map<String, Function<String[], Integer>> JOBS = new LinkedHashMap<>();

  static {
    JOBS.put(SampleJob.NAME, SampleJob::run);
    JOBS.put(SpectralJob.NAME, SpectralJob::run);
    JOBS.put(GenerateJob.NAME, GenerateJob::run);
    JOBS.put(LogregJob.NAME, LogregJob::run);
    JOBS.put(BenchJob.NAME, BenchJob::run);
    JOBS.put(SweepJob.NAME, SweepJob::run);
    JOBS.put(LogregReportJob.NAME, LogregReportJob::run);
  }

  private Main() {}

  public static void main(String[] args) {
    JobRunner.exit(run(args));
  }

  /** Runs the job named by {@code args[0]} and returns its exit code. */
  public static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println("Usage: JOB [OPTIONS]   where JOB is one of " + JOBS.keySet()
          + "\nRun JOB --help for the options of a job.");
      return args.length == 0 ? 2 : 0;
    }
    Function<String[], Integer> job = JOBS.get(args[0]);
    if (job == null) {
      System.err.println("unknown job '" + args[0] + "'; the jobs are " + JOBS.keySet());
      return 2;
    }
    return job.apply(Arrays.copyOfRange(args, 1, args.length));
  }
}
