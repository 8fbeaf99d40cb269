package org.sparsify.jobs.cli;


import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.DoublePredicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The options of one job: declared with defaults, units and help, parsed from the command line
 * and from an optional properties profile given with {@code --conf-file}.
 *
 * <p>Command-line values override the profile, which overrides the declared defaults. Profile keys
 * are option names without the leading dashes, for example {@code sample=bernoulli:0.2}.
 */
public final class JobOptions {

  /** One declared option. A flag takes no value; {@code defaultValue} null means no default. */
  public record Spec(String name, String defaultValue, String unit, String help, boolean flag) {}

  private final String job;
  private final String summary;
  private final Map<String, Spec> specs = new LinkedHashMap<>();

  public JobOptions(String job, String summary) {
    this.job = job;
    this.summary = summary;
    flag("help", "print this help and exit");
    option("conf-file", null, "path", "properties profile whose keys are option names; the command line overrides it");
  }

  /** Declares an option that takes a value. */
  public JobOptions option(String name, String defaultValue, String unit, String help) {
    specs.put(name, new Spec(name, defaultValue, unit, help, false));
    return this;
  }

  /** Declares a flag, false unless given. */
  public JobOptions flag(String name, String help) {
    specs.put(name, new Spec(name, null, null, help, true));
    return this;
  }

  /** Returns the help text: every option with its unit, and its default where it has one. */
  public String help() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: ").append(job).append(" [OPTIONS]\n").append(summary).append("\n\nOptions:\n");
    for (Spec spec : specs.values()) {
      String left = "  --" + spec.name() + (spec.flag() ? "" : " " + placeholder(spec.unit()));
      text.append(String.format("%-36s %s", left, spec.help()));
      if (!spec.flag() && spec.defaultValue() != null) {
        text.append(" (default: " + spec.defaultValue() + ")");
      }
      text.append('\n');
    }
    return text.toString();
  }

  /** Shows a unit such as {@code path} as {@code PATH}, and a list of choices as written. */
  private static String placeholder(String unit) {
    return unit.contains("|") ? unit : unit.toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Parses {@code --name value}, {@code --name=value} and flags.
   *
   * @throws IllegalArgumentException for an unknown option, a missing value or an unreadable
   *     profile, with a message that names it
   */
  public Parsed parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String name = arg.substring(2);
      String value = null;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      Spec spec = requireKnown(name);
      if (spec.flag()) {
        values.put(name, value == null ? "true" : value);
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option --" + name + " needs a value (" + spec.unit() + ")");
        }
        value = args[++i];
      }
      values.put(name, value);
    }
    if (!positional.isEmpty()) {
      throw new IllegalArgumentException(
          "unexpected argument(s) " + positional + " for job " + job + "; options start with --. Run with --help");
    }
    return new Parsed(job, withProfile(values), specs);
  }

  private Spec requireKnown(String name) {
    Spec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "unknown option --" + name + " for job " + job + "; run with --help to list the options");
    }
    return spec;
  }

  private Map<String, String> withProfile(Map<String, String> commandLine) {
    String profile = commandLine.get("conf-file");
    if (profile == null) {
      return commandLine;
    }
    Map<String, String> merged = new LinkedHashMap<>();
    Properties properties = readProperties(profile);
    for (String name : properties.stringPropertyNames()) {
      if (!specs.containsKey(name)) {
        throw new IllegalArgumentException(
            "profile " + profile + " sets unknown option '" + name + "' for job " + job
                + "; run with --help to list the options");
      }
      merged.put(name, properties.getProperty(name).strip());
    }
    merged.putAll(commandLine);
    return merged;
  }

  private static Properties readProperties(String file) {
    Path path = new Path(file);
    Properties properties = new Properties();
    try (InputStream in = path.getFileSystem(new Configuration()).open(path)) {
      properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return properties;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read profile " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parsed option values with typed, validated getters. */
  public static final class Parsed {
    private final String job;
    private final Map<String, String> values;
    private final Map<String, Spec> specs;

    Parsed(String job, Map<String, String> values, Map<String, Spec> specs) {
      this.job = job;
      this.values = values;
      this.specs = specs;
    }

    /** Returns whether a flag was given. */
    public boolean flag(String name) {
      return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** Returns whether an option was given or has a default. */
    public boolean has(String name) {
      return raw(name) != null;
    }

    /** Returns the value or the default, or null when neither exists. */
    public String string(String name) {
      return raw(name);
    }

    /** Returns the value or the default, failing when neither exists. */
    public String required(String name) {
      String value = raw(name);
      if (value == null) {
        throw new IllegalArgumentException("missing required option --" + name + " for job " + job
            + " (" + specs.get(name).help() + ")");
      }
      return value;
    }

    public long longValue(String name) {
      String value = required(name);
      try {
        return Long.parseLong(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be an integer but was '" + value + "'", e);
      }
    }

    public int intValue(String name) {
      long value = longValue(name);
      if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("--" + name + " must fit in 32 bits but was " + value);
      }
      return (int) value;
    }

    public double doubleValue(String name) {
      String value = required(name);
      double parsed;
      try {
        parsed = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a number but was '" + value + "'", e);
      }
      if (!Double.isFinite(parsed)) {
        throw new IllegalArgumentException("--" + name + " must be a finite number but was '" + value + "'");
      }
      return parsed;
    }

    /** Returns every option with its resolved value, for logging and metrics. */
    public Map<String, String> resolved() {
      Map<String, String> all = new LinkedHashMap<>();
      for (Spec spec : specs.values()) {
        String value = raw(spec.name());
        if (value != null && !spec.name().equals("help")) {
          all.put(spec.name(), value);
        }
      }
      return all;
    }

    private String raw(String name) {
      Spec spec = specs.get(name);
      if (spec == null) {
        throw new IllegalStateException("option --" + name + " is not declared for job " + job);
      }
      return values.getOrDefault(name, spec.defaultValue());
    }
  }

  /**
   * Parses a comma-separated list of numbers for {@code option}, each accepted by {@code valid}.
   *
   * @param range the accepted range as users read it, for example "(0, 1]"
   */
  public static List<Double> parseNumbers(String option, String text, DoublePredicate valid, String range) {
    List<Double> values = new ArrayList<>();
    for (String item : text.split(",")) {
      double value;
      try {
        value = Double.parseDouble(item.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option + " values must be numbers in " + range + " but one was '" + item.strip() + "'", e);
      }
      if (!valid.test(value)) {
        throw new IllegalArgumentException(option + " values must be in " + range + " but one was '" + item.strip() + "'");
      }
      values.add(value);
    }
    return values;
  }
}
